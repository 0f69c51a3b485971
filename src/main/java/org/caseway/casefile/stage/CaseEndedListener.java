package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFile.CaseStatus;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.Timeline;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/** When the case's process ends: the case file is closed (or marked cancelled) with its reason. */
@Component("caseEndedListener")
class CaseEndedListener implements ExecutionListener {

    private final CaseFiles caseFiles;
    private final Timeline timeline;
    private final CurrentUser currentUser;

    CaseEndedListener(CaseFiles caseFiles, Timeline timeline, CurrentUser currentUser) {
        this.caseFiles = caseFiles;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateExecution execution) {
        CaseFile caseFile = caseFiles.getByNumber(execution.getProcessBusinessKey());
        CaseStatus status = execution.isCanceled() ? CaseStatus.CANCELLED : CaseStatus.CLOSED;
        caseFiles.end(caseFile.id(), status);
        String reason = caseFile.closureReason() == null ? "" : " (" + caseFile.closureReason() + ")";
        timeline.add(caseFile.id(), currentUser.id(), "CASE_" + status.name(), null,
                "Case " + status.name().toLowerCase() + reason);
    }
}
