package org.caseway.crisis;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.caseway.casefile.CaseEvents;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** End of a crisis-intervention flow: the crisis is resolved and no longer weighs on the caseload. */
@Component("crisisEndedListener")
class CrisisEndedListener implements ExecutionListener {

    private final CaseEvents events;

    CrisisEndedListener(CaseEvents events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String crisisId = Variables.CRISIS_ID.from(execution);
        if (crisisId != null) {
            events.resolveCrisis(Long.parseLong(crisisId));
        }
    }
}
