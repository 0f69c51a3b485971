package org.caseway.crisis;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.caseway.casefile.CaseEvents;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Start of a crisis-intervention flow. A crisis reported through the API arrives with its record;
 * imminent risk flagged at intake gets one here.
 */
@Component("crisisOpenedListener")
class CrisisOpenedListener implements ExecutionListener {

    private final CaseFiles caseFiles;
    private final CaseEvents events;
    private final Timeline timeline;
    private final CurrentUser currentUser;

    CrisisOpenedListener(CaseFiles caseFiles, CaseEvents events, Timeline timeline, CurrentUser currentUser) {
        this.caseFiles = caseFiles;
        this.events = events;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (Variables.CRISIS_ID.from(execution) != null) {
            return;
        }
        CaseFile caseFile = caseFiles.getByNumber(execution.getProcessBusinessKey());
        long crisisId = events.reportCrisis(caseFile.id(), CrisisReports.Severity.IMMINENT.name(),
                "Imminent risk flagged at intake", currentUser.id());
        timeline.add(caseFile.id(), currentUser.id(), "CRISIS_REPORTED", null,
                "Imminent risk flagged at intake: crisis response before needs assessment, crisis " + crisisId);
        Variables.CRISIS_ID.set(execution, String.valueOf(crisisId));
    }
}
