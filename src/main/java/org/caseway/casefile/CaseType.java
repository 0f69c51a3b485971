package org.caseway.casefile;

/** The twelve kinds of case management of the seed. */
public enum CaseType {
    MENTAL_HEALTH, SUBSTANCE_ABUSE, REHABILITATION, LEGAL, MEDICARE, HOME_HEALTH,
    DEVELOPMENTAL_DISABILITIES, HEALTH_INSURANCE, CHILD, ACADEMIC, JUVENILE, PEDIATRIC
}
