package org.caseway.sla;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** ${slaSecondEscalation}. Past the second limit (timeout listener slaSecondEscalation): escalated to the program managers as well. */
@Component("slaSecondEscalation")
class SlaSecondEscalationListener implements TaskListener {

    private final SlaEscalations escalations;

    SlaSecondEscalationListener(SlaEscalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        escalations.escalateFurther(task);
    }
}
