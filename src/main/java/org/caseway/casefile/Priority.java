package org.caseway.casefile;

public enum Priority {
    ROUTINE, URGENT
}
