package org.caseway.assignment;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.caseway.assignment.StaffProfiles.Profile;
import org.caseway.assignment.StaffProfiles.Role;
import org.caseway.casefile.CaseClock;
import org.caseway.system.AccessDeniedException;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Staff profiles and team caseloads, for administrators and supervisors. */
@Service
public class StaffDirectory {

    public record CaseloadLine(String userId, boolean available, int openCases, int weightedLoad, int caseloadCap,
                               long overdueTasks) {
    }

    public record Caseload(String team, List<CaseloadLine> caseManagers) {
    }

    /** The user id is not a Caseway (Camunda) user: answered with 400 naming userId. */
    public static class UnknownUserException extends RuntimeException {
        public UnknownUserException(String userId) {
            super("No user '" + userId + "'");
        }
    }

    private final StaffProfiles staff;
    private final CurrentUser currentUser;
    private final IdentityService identityService;
    private final TaskService taskService;
    private final Reassignment reassignment;

    StaffDirectory(StaffProfiles staff, CurrentUser currentUser, IdentityService identityService, TaskService taskService,
                   Reassignment reassignment) {
        this.reassignment = reassignment;
        this.staff = staff;
        this.currentUser = currentUser;
        this.identityService = identityService;
        this.taskService = taskService;
    }

    public List<Profile> list(String team) {
        currentUser.requireAnyRole(List.of(Roles.ADMIN, Roles.SUPERVISORS));
        return team == null ? staff.all() : staff.team(team);
    }

    @Transactional
    public Profile save(Profile profile) {
        currentUser.requireAnyRole(List.of(Roles.ADMIN, Roles.SUPERVISORS));
        boolean exists = currentUser.withoutEngineAuthorization(() ->
                identityService.createUserQuery().userId(profile.userId()).count() == 1);
        if (!exists) {
            throw new UnknownUserException(profile.userId());
        }
        boolean wasAvailable = staff.find(profile.userId()).map(p -> p.available(CaseClock.now().toLocalDate()))
                .orElse(false);
        staff.save(profile);
        if (wasAvailable && !profile.available(CaseClock.now().toLocalDate())
                && profile.role() == Role.CASE_MANAGER) {
            reassignment.caseManagerAbsent(profile.userId());
        }
        return staff.find(profile.userId()).orElseThrow();
    }

    /** Per case manager of the team: open cases, weighted load, cap and overdue tasks. */
    public Caseload caseload(String team) {
        boolean admin = currentUser.hasAnyRole(List.of(Roles.ADMIN));
        boolean teamSupervisor = staff.find(currentUser.id())
                .filter(p -> p.role() == Role.SUPERVISOR && p.team().equals(team)).isPresent();
        if (!admin && !teamSupervisor) {
            throw new AccessDeniedException("Only the supervisors of " + team + " and administrators see its caseload");
        }
        LocalDate today = CaseClock.now().toLocalDate();
        List<CaseloadLine> lines = staff.team(team).stream().filter(p -> p.role() == Role.CASE_MANAGER).map(p -> {
            StaffProfiles.Load load = staff.load(p.userId());
            long overdue = currentUser.withoutEngineAuthorization(() -> taskService.createTaskQuery()
                    .taskAssignee(p.userId()).dueBefore(java.util.Date.from(CaseClock.now().toInstant())).count());
            return new CaseloadLine(p.userId(), p.available(today), load.openCases(), load.weightedLoad(),
                    p.caseloadCap(), overdue);
        }).toList();
        return new Caseload(team, lines);
    }

    public static Profile profile(String userId, String team, String role, Set<String> qualifications,
                                  Set<String> languages, int cap, boolean active, LocalDate absentUntil) {
        return new Profile(userId, team, Role.valueOf(role), qualifications, languages, cap, active, absentUntil);
    }
}
