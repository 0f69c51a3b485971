package org.caseway.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerDeclarationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.TimerTaskListenerJobHandler;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * A supervisor grants a late task a new deadline: the task's due date, its SLA clock and its
 * deadline and second-escalation timers move (timers that already fired are armed again, so the
 * new deadline is watched like the first). The reminder is not repeated.
 */
@Component
public class DeadlineExtension {

    static final List<String> MOVED_TIMEOUTS = List.of(SlaBlockParsePlugin.DEADLINE.id(),
            SlaBlockParsePlugin.SECOND_ESCALATION.id());

    private final SlaClocks clocks;
    private final BusinessCalendar calendar;
    private final ProcessEngineConfigurationImpl engine;

    DeadlineExtension(SlaClocks clocks, BusinessCalendar calendar, ProcessEngine processEngine) {
        this.clocks = clocks;
        this.calendar = calendar;
        this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
    }

    public void extend(String taskId, Instant newDeadline) {
        SlaClocks.Clock clock = clocks.find(taskId).filter(SlaClocks.Clock::open)
                .orElseThrow(() -> new IllegalStateException("Task " + taskId + " has no running SLA clock"));
        SlaSchedule schedule = clock.schedule();
        // the second escalation keeps the policy's offset in the clock's own calendar (clocks started
        // before that offset was kept move by the elapsed time between deadline and second escalation)
        Instant second = schedule.secondAfter() == null
                ? newDeadline.plus(Duration.between(schedule.dueAt(), schedule.secondAt()))
                : calendar.plus(newDeadline, schedule.secondAfter(), schedule.businessHours());
        clocks.extend(taskId, newDeadline, second);
        engine.getCommandExecutorTxRequired().execute(commandContext -> {
            TaskEntity task = commandContext.getTaskManager().findTaskById(taskId);
            task.setDueDate(Date.from(newDeadline));
            ExecutionEntity execution = task.getExecution();
            for (JobEntity job : new ArrayList<>(execution.getJobs())) {
                if (TimerTaskListenerJobHandler.TYPE.equals(job.getJobHandlerType())
                        && MOVED_TIMEOUTS.stream().anyMatch(id -> Arrays.asList(
                                job.getJobHandlerConfigurationRaw().split("\\$")).contains("taskListener~" + id))) {
                    job.delete();
                }
            }
            Map<String, TimerDeclarationImpl> timeouts = TimerDeclarationImpl
                    .getTimeoutListenerDeclarationsForScope(execution.getActivity())
                    .getOrDefault(execution.getActivityId(), Map.of());
            MOVED_TIMEOUTS.stream().map(timeouts::get).filter(Objects::nonNull)
                    .forEach(timeout -> timeout.createTimerInstance(execution));
            return null;
        });
    }
}
