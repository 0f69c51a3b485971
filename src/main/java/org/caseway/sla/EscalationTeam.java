package org.caseway.sla;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
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

    EscalationTeam(CaseFiles caseFiles, CaseAssignment assignment) {
        this.caseFiles = caseFiles;
        this.assignment = assignment;
    }

    public List<String> users(DelegateExecution execution) {
        if (level(execution) > 1) {
            return List.of();
        }
        String team = caseFiles.findByNumber(execution.getProcessBusinessKey()).map(CaseFile::team).orElse(null);
        return team == null ? List.of() : assignment.supervisors(team);
    }

    public List<String> groups(DelegateExecution execution) {
        if (level(execution) > 1) {
            return List.of(Roles.PROGRAM_MANAGERS);
        }
        return users(execution).isEmpty() ? List.of(Roles.SUPERVISORS) : List.of();
    }

    private static long level(DelegateExecution execution) {
        Long level = Variables.ESCALATION_LEVEL.from(execution);
        return level == null ? 1 : level;
    }
}
