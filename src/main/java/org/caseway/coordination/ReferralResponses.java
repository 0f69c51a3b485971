package org.caseway.coordination;

import java.util.List;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.caseway.casefile.CaseAccess;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseRecords;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseProcess;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A provider's answer to a referral: recorded, then correlated to the waiting service by case number and service id. */
@Service
public class ReferralResponses {

    public static final List<String> RESPONSES = List.of("ACCEPTED", "DECLINED", "WAITLISTED");

    private final ServicePlans plans;
    private final Timeline timeline;
    private final CaseRecords records;
    private final RuntimeService runtimeService;
    private final org.caseway.system.CurrentUser currentUser;
    private final CaseAccess access;

    ReferralResponses(CaseAccess access, ServicePlans plans, Timeline timeline, CaseRecords records,
                      RuntimeService runtimeService, org.caseway.system.CurrentUser currentUser) {
        this.access = access;
        this.currentUser = currentUser;
        this.records = records;
        this.plans = plans;
        this.timeline = timeline;
        this.runtimeService = runtimeService;
    }

    /**
     * @throws ReferralNotAwaitedException when no referral of this service waits for an answer
     */
    @Transactional
    public void record(String caseNumber, String serviceId, String response, String reason, String recordedBy) {
        CaseFile caseFile = access.caseFor(caseNumber);
        plans.service(serviceId).filter(s -> s.serviceId().startsWith(caseNumber + "-"))
                .orElseThrow(() -> new ReferralNotAwaitedException("Case " + caseNumber + " has no service " + serviceId));
        // recorded first: the task the answer leads to (a new referral when declined) shows it
        plans.updateServiceStatus(serviceId, response);
        try {
            // the caller's role was checked by the API; the engine correlates on Caseway's behalf
            currentUser.withoutEngineAuthorization(() -> runtimeService
                    .createMessageCorrelation(CaseProcess.MESSAGE_REFERRAL_RESPONSE)
                    .processInstanceBusinessKey(caseNumber)
                    .processInstanceVariableEquals(Variables.SERVICE_ID.name(), serviceId)
                    .setVariable(Variables.PROVIDER_RESPONSE.name(), response)
                    .correlateWithResult());
        } catch (MismatchingMessageCorrelationException e) {
            throw new ReferralNotAwaitedException("Service " + serviceId + " is not waiting for a provider's answer");
        }
        long recordId = records.save(caseFile.id(), "referralResponse", null, serviceId, recordedBy,
                java.util.Map.of("providerResponse", response));
        if (reason != null && !reason.isBlank()) {
            records.addNote(caseFile.id(), recordId, "providerResponseReason", reason, recordedBy);
        }
        timeline.add(caseFile.id(), recordedBy, "REFERRAL_RESPONSE", null,
                "Provider answered referral " + serviceId + ": " + response.toLowerCase()
                        + (reason == null || reason.isBlank() ? "" : " (reason recorded)"));
    }

    /** The referral is not (or no longer) waiting for an answer: answered with 409. */
    public static class ReferralNotAwaitedException extends RuntimeException {
        public ReferralNotAwaitedException(String message) {
            super(message);
        }
    }
}
