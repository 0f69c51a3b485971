package org.caseway.api;

/** A request parameter that bean validation cannot judge alone (a date, a range): answered with 400 naming it. */
class BadParameterException extends RuntimeException {

    private final String field;

    BadParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
