package org.caseway.process;

import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFile.CaseStatus;
import org.caseway.casefile.CaseStateConflictException;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Delivers a message to a case's case-management process instance. A closed
 * case, or a case whose process is not at a point that accepts the message, is a conflict with a
 * reason, never a silent no-op.
 */
@Component
public class CaseMessages {

    private final RuntimeService runtimeService;
    private final CurrentUser currentUser;

    CaseMessages(RuntimeService runtimeService, CurrentUser currentUser) {
        this.runtimeService = runtimeService;
        this.currentUser = currentUser;
    }

    /** Sends with the payload on the scope the message starts (each crisis or conference keeps its own). */
    public void send(CaseFile caseFile, String message, Map<String, Object> variables, String notAcceptedReason) {
        send(caseFile, message, variables, true, notAcceptedReason);
    }

    /** Sends with the payload on the whole case (e.g. a closure reason the rest of the case reads). */
    public void sendToCase(CaseFile caseFile, String message, Map<String, Object> variables, String notAcceptedReason) {
        send(caseFile, message, variables, false, notAcceptedReason);
    }

    private void send(CaseFile caseFile, String message, Map<String, Object> variables, boolean local,
                      String notAcceptedReason) {
        if (caseFile.status() != CaseStatus.OPEN) {
            throw new CaseStateConflictException("Case " + caseFile.caseNumber() + " is " + caseFile.status()
                    .name().toLowerCase() + ": " + message + " is no longer accepted");
        }
        try {
            // the caller's role was checked by Caseway; the engine correlates on Caseway's behalf
            currentUser.withoutEngineAuthorization(() -> {
                var correlation = runtimeService.createMessageCorrelation(message)
                        .processInstanceId(caseFile.processInstanceId());
                return (local ? correlation.setVariablesLocal(variables) : correlation.setVariables(variables))
                        .correlateWithResult();
            });
        } catch (MismatchingMessageCorrelationException e) {
            throw new CaseStateConflictException("Case " + caseFile.caseNumber() + ": " + notAcceptedReason);
        }
    }

    /** Sets a routing variable on the case's main process (e.g. a risk level changed by a reassessment). */
    public void setOnCase(CaseFile caseFile, ProcessVariable<?> variable, Object value) {
        runtimeService.setVariable(caseFile.processInstanceId(), variable.name(), value);
    }
}
