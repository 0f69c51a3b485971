package org.caseway.assignment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.caseway.casefile.CaseFiles;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** After intake is accepted: the case's team and case manager (or none, and a supervisor decides). */
@Component("assignCaseManagerDelegate")
class AssignCaseManagerDelegate implements JavaDelegate {

    private final CaseFiles caseFiles;
    private final CaseAssignment assignment;

    AssignCaseManagerDelegate(CaseFiles caseFiles, CaseAssignment assignment) {
        this.caseFiles = caseFiles;
        this.assignment = assignment;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String chosen = assignment.assign(caseFiles.getByNumber(execution.getProcessBusinessKey())).orElse(null);
        Variables.CASE_MANAGER.set(execution, chosen);
    }
}
