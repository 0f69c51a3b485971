package org.caseway.sla;

/** No team (Camunda group of type TEAM) with this id: answered with 404 to callers with an SLA role. */
public class UnknownTeamException extends RuntimeException {
    public UnknownTeamException(String team) {
        super("No team '" + team + "'");
    }
}
