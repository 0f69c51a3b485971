package org.caseway.closure;

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

/**
 * A closure for a reason other than goals met (the client's request, a transfer, the client's
 * death): active care stops and the closure summary opens with the reason; the supervisor approves.
 */
@Service
public class ClosureRequests {

    public enum Reason { CLIENT_REQUEST, TRANSFERRED, DECEASED }

    private final Timeline timeline;
    private final CaseMessages messages;
    private final CurrentUser currentUser;
    private final CaseAccess access;

    ClosureRequests(CaseAccess access, Timeline timeline, CaseMessages messages, CurrentUser currentUser) {
        this.access = access;
        this.timeline = timeline;
        this.messages = messages;
        this.currentUser = currentUser;
    }

    @Transactional
    public void request(String caseNumber, Reason reason) {
        CaseFile caseFile = access.caseFor(caseNumber);
        timeline.add(caseFile.id(), currentUser.id(), "CLOSURE_REQUESTED", null,
                "Closure requested: " + reason.name().toLowerCase().replace('_', ' '));
        messages.sendToCase(caseFile, CaseProcess.MESSAGE_CLOSURE_REQUESTED,
                Map.of(Variables.CLOSURE_REASON.name(), reason.name()),
                "closure can be requested during active care (after intake); it is already under way or not yet possible");
    }
}
