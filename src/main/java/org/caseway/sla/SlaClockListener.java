package org.caseway.sla;

import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.springframework.stereotype.Component;

/**
 * ${slaClock} on create, complete and delete of every user task: starts the task's SLA clock
 * (due date, follow-up date, priority) and stops it when the task ends.
 */
@Component("slaClock")
class SlaClockListener implements TaskListener {

    private final SlaScheduler scheduler;
    private final SlaClocks clocks;
    private final CaseFiles caseFiles;
    private final SlaEscalations escalations;
    private final SlaMetrics metrics;

    SlaClockListener(SlaScheduler scheduler, SlaClocks clocks, CaseFiles caseFiles, SlaEscalations escalations,
                     SlaMetrics metrics) {
        this.scheduler = scheduler;
        this.clocks = clocks;
        this.caseFiles = caseFiles;
        this.escalations = escalations;
        this.metrics = metrics;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> start(task);
            case EVENTNAME_COMPLETE -> end(task, "COMPLETED");
            case EVENTNAME_DELETE -> end(task, "CANCELLED");
            default -> throw new IllegalStateException("slaClock listens to create, complete and delete, not " + task.getEventName());
        }
    }

    private void start(DelegateTask task) {
        SlaSchedule schedule = scheduler.scheduleFor(task.getExecution());
        task.getExecution().removeVariableLocal(SlaScheduler.SCHEDULE);
        CaseFile caseFile = caseFiles.getByNumber(task.getExecution().getProcessBusinessKey());
        task.setDueDate(Date.from(schedule.dueAt()));
        task.setFollowUpDate(Date.from(schedule.goalAt()));
        if (schedule.priority().taskPriority() > task.getPriority()) {
            task.setPriority(schedule.priority().taskPriority());
        }
        clocks.start(task.getId(), caseFile.id(), caseFile.team(), task.getTaskDefinitionKey(), schedule);
    }

    private void end(DelegateTask task, String reason) {
        clocks.find(task.getId()).filter(SlaClocks.Clock::open).ifPresent(clock -> {
            clocks.end(task.getId(), reason);
            if ("COMPLETED".equals(reason)) {
                metrics.completed(clock.taskKey(), Duration.between(clock.schedule().createdAt(), CaseClock.now().toInstant()));
            }
            escalations.taskEnded(task, clock, reason);
        });
    }
}
