package org.caseway.casefile;

/** No case with this number (answered with 404). */
public class CaseNotFoundException extends RuntimeException {
    public CaseNotFoundException(String caseNumber) {
        super("No case with number '" + caseNumber + "'");
    }
}
