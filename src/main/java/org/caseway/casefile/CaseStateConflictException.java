package org.caseway.casefile;

/** The case is not in a state that accepts the request (closed, or not at that stage): answered with 409. */
public class CaseStateConflictException extends RuntimeException {
    public CaseStateConflictException(String message) {
        super(message);
    }
}
