package org.caseway.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.caseway.assignment.CaseAssignment;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.Timeline;
import org.caseway.notification.Notice;
import org.caseway.notification.Notifications;
import org.caseway.process.CaseProcess;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CasewayProperties;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.stereotype.Component;

/**
 * What happens when a task's SLA timers fire: the reminder, the breach at the deadline (an
 * escalation task for the case's supervisors) and the second escalation (the program managers).
 * Runs in the timer job's transaction: the engine commits each job once, the breach record is
 * unique per task, level and deadline, and notifications leave through the outbox after commit.
 */
@Component
public class SlaEscalations {

    /** Priority of an overdue task: raised by this much, at most to 100. */
    static final int OVERDUE_PRIORITY_RAISE = 25;

    private final SlaClocks clocks;
    private final SlaBreaches breaches;
    private final CaseFiles caseFiles;
    private final CaseAssignment assignment;
    private final Timeline timeline;
    private final Notifications notifications;
    private final SlaMetrics metrics;
    private final RuntimeService runtime;
    private final CurrentUser currentUser;
    private final ZoneId zone;

    SlaEscalations(SlaClocks clocks, SlaBreaches breaches, CaseFiles caseFiles, CaseAssignment assignment,
                   Timeline timeline, Notifications notifications, SlaMetrics metrics, RuntimeService runtime,
                   CurrentUser currentUser, CasewayProperties properties) {
        this.clocks = clocks;
        this.breaches = breaches;
        this.caseFiles = caseFiles;
        this.assignment = assignment;
        this.timeline = timeline;
        this.notifications = notifications;
        this.metrics = metrics;
        this.runtime = runtime;
        this.currentUser = currentUser;
        this.zone = properties.sla().calendar().zone();
    }

    /** At the goal: the assignee is reminded and the task shows as at risk. */
    void remind(DelegateTask task) {
        // a reminder that runs late (job executor down, busy nodes) after the deadline has nothing left to say
        clocks.find(task.getId()).filter(SlaClocks.Clock::open)
                .filter(clock -> CaseClock.now().toInstant().isBefore(clock.schedule().dueAt())).ifPresent(clock -> {
            CaseFile caseFile = caseFiles.getByNumber(task.getExecution().getProcessBusinessKey());
            Variables.SLA_STATE.setLocal(task, "AT_RISK");
            timeline.add(caseFile.id(), currentUser.id(), "SLA_REMINDER", task.getTaskDefinitionKey(),
                    task.getName() + " is due " + time(clock.schedule().dueAt()));
            if (task.getAssignee() != null) {
                notifications.toUser(task.getAssignee(), new Notice("SLA_REMINDER", caseFile.caseNumber(),
                        "Case " + caseFile.caseNumber() + ": " + task.getName() + " is due " + time(clock.schedule().dueAt()),
                        "The task \"" + task.getName() + "\" of case " + caseFile.caseNumber() + " is due "
                                + time(clock.schedule().dueAt()) + ". Open Tasklist to work it."));
            }
        });
    }

    /** At the deadline: overdue, priority raised, the case's supervisors get an escalation task. */
    void breach(DelegateTask task) {
        clocks.find(task.getId()).filter(SlaClocks.Clock::open).ifPresent(clock -> {
            Instant deadline = clock.schedule().dueAt();
            CaseFile caseFile = caseFiles.getByNumber(task.getExecution().getProcessBusinessKey());
            boolean escalationTask = Tasks.ESCALATION.equals(task.getTaskDefinitionKey());
            List<String> supervisors = caseFile.team() == null ? List.of() : assignment.supervisors(caseFile.team());
            String escalatedTo = escalationTask ? Roles.PROGRAM_MANAGERS
                    : supervisors.isEmpty() ? Roles.SUPERVISORS : String.join(",", supervisors);
            if (!breaches.record(clock, 1, deadline, task.getAssignee(), escalatedTo)) {
                return;
            }
            Variables.SLA_STATE.setLocal(task, "OVERDUE");
            task.setPriority(Math.min(100, task.getPriority() + OVERDUE_PRIORITY_RAISE));
            metrics.breach(clock.taskKey(), 1);
            String late = task.getName() + " missed its deadline of " + time(deadline);
            if (escalationTask) {
                // an escalation nobody handled goes up to the program managers, without a further task
                notifications.toGroup(Roles.PROGRAM_MANAGERS, new Notice("SLA_ESCALATION", caseFile.caseNumber(),
                        "Case " + caseFile.caseNumber() + ": an escalation was not handled in time",
                        "The escalation \"" + task.getName() + "\" of case " + caseFile.caseNumber() + " was due "
                                + time(deadline) + (task.getAssignee() == null ? " and is not assigned."
                                : " and is assigned to " + task.getAssignee() + ".")
                                + " Please see that the late task is taken care of."));
                timeline.add(caseFile.id(), currentUser.id(), "SLA_BREACH", clock.taskKey(), late + "; program managers notified");
                return;
            }
            Notice notice = new Notice("SLA_ESCALATION", caseFile.caseNumber(),
                    "Case " + caseFile.caseNumber() + ": " + task.getName() + " is overdue",
                    "The task \"" + task.getName() + "\" of case " + caseFile.caseNumber() + " was due " + time(deadline)
                            + (task.getAssignee() == null ? " and is not assigned." : " and is assigned to " + task.getAssignee() + ".")
                            + " Open Tasklist: an escalation task is waiting for you.");
            String escalationId = startEscalation(caseFile, task, clock, 1);
            breaches.linkEscalation(task.getId(), 1, deadline, escalationId);
            metrics.escalation(clock.taskKey(), 1);
            if (supervisors.isEmpty()) {
                notifications.toGroup(Roles.SUPERVISORS, notice);
            } else {
                supervisors.forEach(supervisor -> notifications.toUser(supervisor, notice));
            }
            if (task.getAssignee() != null) {
                notifications.toUser(task.getAssignee(), new Notice("SLA_OVERDUE", caseFile.caseNumber(),
                        "Case " + caseFile.caseNumber() + ": " + task.getName() + " is overdue",
                        "The task \"" + task.getName() + "\" of case " + caseFile.caseNumber() + " was due "
                                + time(deadline) + ". Your supervisor has been told."));
            }
            timeline.add(caseFile.id(), currentUser.id(), "SLA_BREACH", clock.taskKey(),
                    late + "; escalated to " + escalatedTo);
        });
    }

    /** Past the second limit: escalated to the program managers as well. */
    void escalateFurther(DelegateTask task) {
        clocks.find(task.getId()).filter(SlaClocks.Clock::open).ifPresent(clock -> {
            Instant deadline = clock.schedule().dueAt();
            if (!breaches.hasBreach(task.getId(), 1, deadline)) {
                // the deadline's own job has not run yet (a backlog): the first level comes first
                breach(task);
            }
            CaseFile caseFile = caseFiles.getByNumber(task.getExecution().getProcessBusinessKey());
            if (!breaches.record(clock, 2, deadline, task.getAssignee(), Roles.PROGRAM_MANAGERS)) {
                return;
            }
            Variables.SLA_STATE.setLocal(task, "ESCALATED");
            metrics.breach(clock.taskKey(), 2);
            Duration late = Duration.between(deadline, CaseClock.now().toInstant());
            notifications.toGroup(Roles.PROGRAM_MANAGERS, new Notice("SLA_SECOND_ESCALATION", caseFile.caseNumber(),
                    "Case " + caseFile.caseNumber() + ": " + task.getName() + " is " + SlaFormat.duration(late) + " overdue",
                    "The task \"" + task.getName() + "\" of case " + caseFile.caseNumber() + " was due " + time(deadline)
                            + " and is still open. It was escalated to the team's supervisors at the deadline."));
            if (!Tasks.ESCALATION.equals(task.getTaskDefinitionKey())) {
                String escalationId = startEscalation(caseFile, task, clock, 2);
                breaches.linkEscalation(task.getId(), 2, deadline, escalationId);
                metrics.escalation(clock.taskKey(), 2);
            }
            timeline.add(caseFile.id(), currentUser.id(), "SLA_SECOND_ESCALATION", clock.taskKey(),
                    task.getName() + " is " + SlaFormat.duration(late) + " past its deadline; escalated to the program managers");
        });
    }

    /** A supervisor acted on one escalation of a late task: its other open escalations end. */
    public void endOtherEscalations(String lateTaskId, String handledEscalationId) {
        currentUser.withoutEngineAuthorization(() -> {
            runtime.createProcessInstanceQuery().processDefinitionKey(CaseProcess.SLA_ESCALATION_KEY)
                    .variableValueEquals(Variables.ESCALATED_TASK_ID.name(), lateTaskId).list().stream()
                    .filter(instance -> !instance.getId().equals(handledEscalationId))
                    .forEach(instance -> runtime.createMessageCorrelation(CaseProcess.MESSAGE_ESCALATED_TASK_ENDED)
                            .processInstanceId(instance.getId()).correlateAllWithResult());
            return null;
        });
    }

    /** The task ended: its open escalations are moot and end, its breaches record when it was done. */
    void taskEnded(DelegateTask task, SlaClocks.Clock clock, String reason) {
        if (!clock.breached()) {
            return;
        }
        if ("COMPLETED".equals(reason)) {
            breaches.completed(task.getId());
        }
        breaches.resolve(task.getId(), "COMPLETED".equals(reason) ? "TASK_DONE" : "TASK_CANCELLED", currentUser.id());
        currentUser.withoutEngineAuthorization(() -> runtime.createMessageCorrelation(CaseProcess.MESSAGE_ESCALATED_TASK_ENDED)
                .processInstanceVariableEquals(Variables.ESCALATED_TASK_ID.name(), task.getId())
                .correlateAllWithResult());
        timeline.add(clock.caseId(), currentUser.id(), "SLA_ESCALATION_CLOSED", clock.taskKey(),
                task.getName() + ("COMPLETED".equals(reason) ? " was completed" : " was cancelled") + "; its escalation is closed");
    }

    private String startEscalation(CaseFile caseFile, DelegateTask task, SlaClocks.Clock clock, int level) {
        return currentUser.withoutEngineAuthorization(() -> {
            ProcessInstance escalation = runtime.createProcessInstanceByKey(CaseProcess.SLA_ESCALATION_KEY)
                    .businessKey(caseFile.caseNumber())
                    .setVariable(Variables.CASE_NUMBER.name(), caseFile.caseNumber())
                    .setVariable(Variables.ESCALATED_TASK_ID.name(), task.getId())
                    .setVariable(Variables.ESCALATION_LEVEL.name(), (long) level)
                    .setVariable(Variables.SLA_PRIORITY.name(), clock.schedule().priority().name())
                    .execute();
            return escalation.getId();
        });
    }

    private String time(Instant instant) {
        return SlaFormat.time(instant, zone);
    }
}
