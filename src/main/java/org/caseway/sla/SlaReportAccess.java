package org.caseway.sla;

import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.caseway.system.AccessDeniedException;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.stereotype.Component;

/**
 * Whose SLA figures a caller may see: supervisors the teams they are members of; program managers
 * and administrators every team. Anyone else gets 403. A team is a Camunda group of type TEAM.
 */
@Component
class SlaReportAccess {

    static final String TEAM_GROUP_TYPE = "TEAM";

    private static final List<String> EVERY_TEAM = List.of(Roles.PROGRAM_MANAGERS, Roles.ADMIN);
    private static final List<String> SLA_VIEWERS = List.of(Roles.PROGRAM_MANAGERS, Roles.ADMIN, Roles.SUPERVISORS);

    /**
     * What a report covers.
     *
     * @param team the team asked for, or null for every team the caller may see
     * @param visibleTeams the teams the caller may see (for a team picker), sorted
     * @param teams the teams the report covers
     * @param unrestricted true when the report covers every row, also those of cases not yet routed to a
     *                     team (program managers and administrators without a team)
     */
    record Scope(String team, List<String> visibleTeams, List<String> teams, boolean unrestricted) {
        boolean isEmpty() {
            return !unrestricted && teams.isEmpty();
        }
    }

    private final CurrentUser currentUser;
    private final IdentityService identityService;

    SlaReportAccess(CurrentUser currentUser, IdentityService identityService) {
        this.currentUser = currentUser;
        this.identityService = identityService;
    }

    /**
     * The caller's scope for a report of one team or (team null) of all their teams: 403 without an SLA role
     * or for a team they may not see, 404 for a team that does not exist (checked after the role).
     */
    Scope scope(String team) {
        currentUser.requireAnyRole(SLA_VIEWERS);
        List<String> allTeams = allTeams();
        boolean everyTeam = currentUser.hasAnyRole(EVERY_TEAM);
        List<String> visible = everyTeam ? allTeams
                : allTeams.stream().filter(currentUser.groups()::contains).toList();
        if (team == null) {
            return new Scope(null, visible, visible, everyTeam);
        }
        if (!allTeams.contains(team)) {
            throw new UnknownTeamException(team);
        }
        if (!visible.contains(team)) {
            throw new AccessDeniedException("Only the supervisors of " + team + ", program managers and administrators"
                    + " see its SLA figures");
        }
        return new Scope(team, visible, List.of(team), false);
    }

    /** Every team's id, sorted; read without the caller's engine authorizations (team ids are not confidential). */
    List<String> allTeams() {
        return currentUser.withoutEngineAuthorization(() -> identityService.createGroupQuery()
                .groupType(TEAM_GROUP_TYPE).orderByGroupId().asc().list().stream().map(Group::getId).toList());
    }
}
