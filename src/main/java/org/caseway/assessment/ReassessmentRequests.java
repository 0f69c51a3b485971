package org.caseway.assessment;

import java.util.Map;
import org.caseway.casefile.CaseAccess;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseMessages;
import org.caseway.process.CaseProcess;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A reassessment on request, accepted while the case is in active care (after intake). */
@Service
public class ReassessmentRequests {

    private final Timeline timeline;
    private final CaseMessages messages;
    private final CurrentUser currentUser;
    private final CaseAccess access;

    ReassessmentRequests(CaseAccess access, Timeline timeline, CaseMessages messages, CurrentUser currentUser) {
        this.access = access;
        this.timeline = timeline;
        this.messages = messages;
        this.currentUser = currentUser;
    }

    @Transactional
    public void request(String caseNumber, String reason) {
        CaseFile caseFile = access.caseFor(caseNumber);
        timeline.add(caseFile.id(), currentUser.id(), "REASSESSMENT_REQUESTED", null, "Reassessment requested");
        messages.send(caseFile, CaseProcess.MESSAGE_REASSESSMENT_REQUESTED,
                Map.of(Variables.REASSESSMENT_REASON.name(), reason),
                "a reassessment can be requested once the case is in active care (after intake) and before closure");
    }
}
