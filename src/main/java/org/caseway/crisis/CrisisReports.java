package org.caseway.crisis;

import java.util.Map;
import org.caseway.casefile.CaseEvents;
import org.caseway.casefile.CaseAccess;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseMessages;
import org.caseway.process.CaseProcess;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A crisis reported on a case: recorded, then its own crisis flow starts beside the rest of the case. */
@Service
public class CrisisReports {

    public enum Severity { MODERATE, HIGH, IMMINENT }

    private final CaseEvents events;
    private final Timeline timeline;
    private final CaseMessages messages;
    private final CurrentUser currentUser;
    private final CaseAccess access;

    CrisisReports(CaseAccess access, CaseEvents events, Timeline timeline, CaseMessages messages,
                  CurrentUser currentUser) {
        this.access = access;
        this.events = events;
        this.timeline = timeline;
        this.messages = messages;
        this.currentUser = currentUser;
    }

    @Transactional
    public long report(String caseNumber, Severity severity, String description) {
        CaseFile caseFile = access.caseFor(caseNumber);
        long crisisId = events.reportCrisis(caseFile.id(), severity.name(), description, currentUser.id());
        timeline.add(caseFile.id(), currentUser.id(), "CRISIS_REPORTED", null,
                "Crisis reported (" + severity.name().toLowerCase() + "), crisis " + crisisId);
        messages.send(caseFile, CaseProcess.MESSAGE_CRISIS_REPORTED,
                Map.of(Variables.CRISIS_ID.name(), String.valueOf(crisisId)), "the case does not accept a crisis now");
        return crisisId;
    }
}
