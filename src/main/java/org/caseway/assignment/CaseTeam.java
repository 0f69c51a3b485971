package org.caseway.assignment;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.system.Roles;
import org.springframework.stereotype.Component;

/**
 * Who may see and work a case's tasks, for the models' candidate expressions: the case's team
 * (a Camunda group) once it has one, and its team's supervisors for supervisor tasks. Camunda
 * creates the task authorizations from these, so other teams neither see nor work the tasks.
 */
@Component("caseTeam")
public class CaseTeam {

    private final CaseFiles caseFiles;
    private final CaseAssignment assignment;

    CaseTeam(CaseFiles caseFiles, CaseAssignment assignment) {
        this.caseFiles = caseFiles;
        this.assignment = assignment;
    }

    /** ${caseTeam.caseManagers(execution)}: the case's team, or all case managers before routing. */
    public String caseManagers(DelegateExecution execution) {
        String team = team(execution);
        return team == null ? Roles.CASE_MANAGERS : team;
    }

    /** ${caseTeam.supervisors(execution)}: the team's available supervisors (none before routing). */
    public List<String> supervisors(DelegateExecution execution) {
        String team = team(execution);
        return team == null ? List.of() : assignment.supervisors(team);
    }

    /** ${caseTeam.supervisorGroups(execution)}: all supervisors only while the case's team has none. */
    public List<String> supervisorGroups(DelegateExecution execution) {
        return supervisors(execution).isEmpty() ? List.of(Roles.SUPERVISORS) : List.of();
    }

    private String team(DelegateExecution execution) {
        return caseFiles.findByNumber(execution.getProcessBusinessKey()).map(CaseFile::team).orElse(null);
    }
}
