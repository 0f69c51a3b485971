package org.caseway.sla;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** ${slaBreach}. At the deadline (timeout listener slaDeadline): the task is overdue and escalated to the case's supervisors. */
@Component("slaBreach")
class SlaBreachListener implements TaskListener {

    private final SlaEscalations escalations;

    SlaBreachListener(SlaEscalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        escalations.breach(task);
    }
}
