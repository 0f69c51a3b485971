package org.caseway.sla;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.caseway.assignment.CaseAssignment;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.Roles;
import org.springframework.stereotype.Component;

/**
 * Who gets an escalation task, for the sla-escalation model's candidate expressions
 * ${escalationTeam.users(execution)} and ${escalationTeam.groups(execution)}: at level 1 the
 * case's team supervisors (all supervisors while the team has none), at level 2 the program managers.
 */
@Component("escalationTeam")
public class EscalationTeam {

    private final CaseFiles caseFiles;
    private final CaseAssignment assignment;
    private final OpenTasks openTasks;

    EscalationTeam(CaseFiles caseFiles, CaseAssignment assignment, OpenTasks openTasks) {
        this.caseFiles = caseFiles;
        this.assignment = assignment;
        this.openTasks = openTasks;
    }

    /** The team's supervisors, except the one whose own task is late. */
    public List<String> users(DelegateExecution execution) {
        if (level(execution) > 1) {
            return List.of();
        }
        String lateAssignee = lateAssignee(execution);
        return teamSupervisors(execution).stream().filter(supervisor -> !supervisor.equals(lateAssignee)).toList();
    }

    /**
     * All supervisors while the team has none; the program managers when the team's only supervisor
     * is the one whose task is late (nobody escalates to themselves); at level 2 the program managers.
     */
    public List<String> groups(DelegateExecution execution) {
        if (level(execution) > 1) {
            return List.of(Roles.PROGRAM_MANAGERS);
        }
        if (!users(execution).isEmpty()) {
            return List.of();
        }
        return teamSupervisors(execution).isEmpty() ? List.of(Roles.SUPERVISORS) : List.of(Roles.PROGRAM_MANAGERS);
    }

    private List<String> teamSupervisors(DelegateExecution execution) {
        String team = caseFiles.findByNumber(execution.getProcessBusinessKey()).map(CaseFile::team).orElse(null);
        return team == null ? List.of() : assignment.supervisors(team);
    }

    private String lateAssignee(DelegateExecution execution) {
        return openTasks.find(Variables.ESCALATED_TASK_ID.from(execution)).map(Task::getAssignee).orElse(null);
    }

    private static long level(DelegateExecution execution) {
        Long level = Variables.ESCALATION_LEVEL.from(execution);
        return level == null ? 1 : level;
    }
}
