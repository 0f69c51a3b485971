package org.caseway.sla;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/** ${slaReminder}. At the goal (timeout listener slaGoal): reminds the assignee, the task shows as at risk. */
@Component("slaReminder")
class SlaReminderListener implements TaskListener {

    private final SlaEscalations escalations;

    SlaReminderListener(SlaEscalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void notify(DelegateTask task) {
        escalations.remind(task);
    }
}
