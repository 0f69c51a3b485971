package org.caseway.sla;

import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * The models' timeout listeners ask this bean when to fire:
 * {@code ${sla.goal(execution)}}, {@code ${sla.deadline(execution)}} and
 * {@code ${sla.secondEscalation(execution)}}.
 */
@Component("sla")
public class SlaTimers {

    private final SlaScheduler scheduler;

    SlaTimers(SlaScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** The reminder point: the assignee is reminded, the task shows as at risk. */
    public Date goal(DelegateExecution execution) {
        return Date.from(scheduler.scheduleFor(execution).goalAt());
    }

    /** The deadline: the task is overdue and escalated to the case's supervisors. */
    public Date deadline(DelegateExecution execution) {
        return Date.from(scheduler.scheduleFor(execution).dueAt());
    }

    /** The second limit: escalated to the program managers as well. */
    public Date secondEscalation(DelegateExecution execution) {
        return Date.from(scheduler.scheduleFor(execution).secondAt());
    }
}
