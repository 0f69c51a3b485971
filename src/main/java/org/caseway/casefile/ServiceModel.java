package org.caseway.casefile;

/** Brokerage connects the client to other providers; clinical also delivers services directly. */
public enum ServiceModel {
    CLINICAL, BROKERAGE
}
