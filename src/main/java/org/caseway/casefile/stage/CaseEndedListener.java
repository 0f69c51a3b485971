package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFile.CaseStatus;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.Timeline;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/** When the case's process ends: a case not closed yet (not eligible) closes; a cancelled one is marked so. */
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
        if (execution.isCanceled()) {
            caseFiles.end(caseFile.id(), CaseStatus.CANCELLED);
            timeline.add(caseFile.id(), currentUser.id(), "CASE_CANCELLED", null, "Case cancelled");
        } else if (caseFile.status() == CaseStatus.OPEN) {
            close(caseFiles, timeline, caseFile, currentUser.id());
        } else {
            timeline.add(caseFile.id(), currentUser.id(), "CASE_RECORD_COMPLETE", null,
                    "Case record complete: nothing more is scheduled");
        }
    }

    static void close(CaseFiles caseFiles, Timeline timeline, CaseFile caseFile, String userId) {
        caseFiles.end(caseFile.id(), CaseStatus.CLOSED);
        String reason = caseFile.closureReason() == null ? "" : " (" + caseFile.closureReason() + ")";
        timeline.add(caseFile.id(), userId, "CASE_CLOSED", null, "Case closed" + reason);
    }

    /** The closure is approved (event CaseClosed): the case file closes; a post-closure check follows. */
    @Component("caseClosedListener")
    static class CaseClosedListener implements ExecutionListener {
        private final CaseFiles caseFiles;
        private final Timeline timeline;
        private final CurrentUser currentUser;

        CaseClosedListener(CaseFiles caseFiles, Timeline timeline, CurrentUser currentUser) {
            this.caseFiles = caseFiles;
            this.timeline = timeline;
            this.currentUser = currentUser;
        }

        @Override
        public void notify(DelegateExecution execution) {
            close(caseFiles, timeline, caseFiles.getByNumber(execution.getProcessBusinessKey()), currentUser.id());
        }
    }
}
