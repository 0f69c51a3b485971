package org.caseway.assignment;

import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.caseway.assignment.CaseManagerChoice.Choice;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFile.CaseStatus;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.CaseStateConflictException;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.system.AccessDeniedException;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A case changes hands: on a supervisor's decision (to a named case manager, or by the rules), or
 * because its case manager is absent (urgent work moves at once; the rest waits for the supervisor).
 */
@Service
public class Reassignment {

    /** Tasks that cannot wait for the supervisor when their case manager is absent. */
    static final Set<String> URGENT_TASKS = Set.of(Tasks.CRISIS_RESPONSE, Tasks.SAFETY_PLAN);

    /** The named target cannot take the case: answered with 400 naming "target". */
    public static class InvalidTargetException extends RuntimeException {
        public InvalidTargetException(String message) {
            super(message);
        }
    }

    private final CaseFiles caseFiles;
    private final CaseAssignment assignment;
    private final StaffProfiles staff;
    private final Timeline timeline;
    private final TaskService taskService;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;

    Reassignment(CaseFiles caseFiles, CaseAssignment assignment, StaffProfiles staff, Timeline timeline,
                 TaskService taskService, CurrentUser currentUser, JdbcClient jdbc) {
        this.caseFiles = caseFiles;
        this.assignment = assignment;
        this.staff = staff;
        this.timeline = timeline;
        this.taskService = taskService;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
    }

    /** A supervisor of the case's team (or an administrator) reassigns the case; returns the new case manager. */
    @Transactional
    public String reassign(String caseNumber, String target, String reason) {
        CaseFile caseFile = caseFiles.getByNumber(caseNumber);
        requireTeamSupervisor(caseFile.team());
        if (caseFile.status() != CaseStatus.OPEN || caseFile.team() == null) {
            throw new CaseStateConflictException("Case " + caseNumber + " is not an open case with a team");
        }
        String to;
        String why;
        if (target != null) {
            assignment.problemWith(caseFile, target).ifPresent(problem -> {
                throw new InvalidTargetException(problem);
            });
            to = target;
            why = "named by the supervisor";
        } else {
            Choice choice = assignment.chooseReplacement(caseFile);
            to = choice.userId().orElseThrow(() -> new CaseStateConflictException(
                    "Nobody else is eligible: " + choice.reason()));
            why = choice.reason();
        }
        move(caseFile, to, "Reassigned from " + caseFile.caseManager() + " to " + to + " (" + why + "): " + reason);
        return to;
    }

    /**
     * A case manager becomes absent: urgent tasks of their open cases move by the rules at once;
     * their supervisor gets one task to decide on the rest.
     */
    @Transactional
    public void caseManagerAbsent(String userId) {
        // oldest first: the urgent cases move in that order (each choice sees the moves before it) and the
        // supervisor's task lists the rest in that order, on any database (without ORDER BY the order is the query
        // plan's: H2's follows the index, PostgreSQL's changes as rows are updated)
        List<CaseFile> cases = jdbc.sql("SELECT case_number FROM case_file WHERE case_manager = ? AND status = 'OPEN' ORDER BY id")
                .param(userId).query(String.class).list().stream().map(caseFiles::getByNumber).toList();
        Date now = Date.from(CaseClock.now().toInstant());
        StringBuilder waiting = new StringBuilder();
        for (CaseFile caseFile : cases) {
            boolean urgent = currentUser.withoutEngineAuthorization(() -> taskService.createTaskQuery()
                    .processInstanceBusinessKey(caseFile.caseNumber()).taskAssignee(userId).list().stream()
                    .anyMatch(t -> URGENT_TASKS.contains(t.getTaskDefinitionKey())
                            || t.getDueDate() != null && t.getDueDate().before(now)));
            Choice choice = urgent ? assignment.chooseReplacement(caseFile) : null;
            if (choice != null && choice.userId().isPresent()) {
                move(caseFile, choice.userId().get(), "Urgent work moved while " + userId + " is absent: "
                        + choice.reason());
            } else {
                waiting.append(caseFile.caseNumber()).append(' ');
                timeline.add(caseFile.id(), currentUser.id(), "CASE_MANAGER_ABSENT", null,
                        "Case manager " + userId + " is absent; the supervisor decides on reassignment");
            }
        }
        if (!waiting.isEmpty()) {
            String team = staff.find(userId).map(StaffProfiles.Profile::team).orElse(null);
            currentUser.withoutEngineAuthorization(() -> {
                Task task = taskService.newTask();
                task.setName("Decide on the cases of " + userId + " while absent");
                task.setDescription("Open cases: " + waiting.toString().strip()
                        + ". Reassign with POST /api/cases/{caseNumber}/reassign, or keep them waiting.");
                task.setPriority(75);
                taskService.saveTask(task);
                List<String> supervisors = team == null ? List.of() : assignment.supervisors(team);
                if (supervisors.isEmpty()) {
                    taskService.addCandidateGroup(task.getId(), Roles.SUPERVISORS);
                } else {
                    supervisors.forEach(s -> taskService.addCandidateUser(task.getId(), s));
                }
                return null;
            });
        }
    }

    private void move(CaseFile caseFile, String to, String summary) {
        String from = caseFile.caseManager();
        caseFiles.assign(caseFile.id(), caseFile.team(), to);
        currentUser.withoutEngineAuthorization(() -> {
            taskService.createTaskQuery().processInstanceBusinessKey(caseFile.caseNumber()).list().stream()
                    .filter(t -> from != null && from.equals(t.getAssignee()))
                    .forEach(t -> taskService.setAssignee(t.getId(), to));
            return null;
        });
        timeline.add(caseFile.id(), currentUser.id(), "CASE_REASSIGNED", null, summary);
    }

    private void requireTeamSupervisor(String team) {
        boolean admin = currentUser.hasAnyRole(List.of(Roles.ADMIN));
        boolean supervisor = team != null && staff.find(currentUser.id())
                .filter(p -> p.role() == StaffProfiles.Role.SUPERVISOR && p.team().equals(team)).isPresent();
        if (!admin && !supervisor) {
            throw new AccessDeniedException("Only the supervisors of the case's team and administrators reassign it");
        }
    }
}
