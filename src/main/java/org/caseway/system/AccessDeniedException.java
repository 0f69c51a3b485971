package org.caseway.system;

/** The caller is authenticated but not allowed to do this: answered with 403. */
public class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
