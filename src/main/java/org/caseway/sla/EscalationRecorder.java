package org.caseway.sla;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.note;
import static org.caseway.casefile.stage.FormField.text;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.caseway.assignment.StaffProfiles;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.Timeline;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.notification.Notice;
import org.caseway.notification.Notifications;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CasewayProperties;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The supervisor's (or program manager's) answer to a missed deadline: reassign the late task to
 * another case manager of the team, extend its deadline with a reason, or acknowledge.
 */
@Component
class EscalationRecorder implements StageRecorder {

    /** How far ahead a deadline may be extended in one step. */
    static final int MAX_EXTENSION_DAYS = 90;

    private static final StageForm FORM = StageForm.of(Tasks.ESCALATION,
            choice("escalationAction", "REASSIGN", "EXTEND", "ACKNOWLEDGE").required(),
            text("reassignTo", 64),
            date("newDeadline"),
            note("extensionReason", 1000),
            note("escalationComments", 2000));

    private final SlaClocks clocks;
    private final SlaBreaches breaches;
    private final StaffProfiles staff;
    private final TaskService taskService;
    private final CurrentUser currentUser;
    private final DeadlineExtension extension;
    private final BusinessCalendar calendar;
    private final Timeline timeline;
    private final Notifications notifications;
    private final CasewayProperties.Sla.Calendar hours;
    private final SlaEscalations escalations;
    private final OpenTasks openTasks;

    EscalationRecorder(SlaClocks clocks, SlaBreaches breaches, StaffProfiles staff, TaskService taskService,
                       CurrentUser currentUser, DeadlineExtension extension, BusinessCalendar calendar, Timeline timeline,
                       Notifications notifications, CasewayProperties properties, SlaEscalations escalations,
                       OpenTasks openTasks) {
        this.escalations = escalations;
        this.openTasks = openTasks;
        this.clocks = clocks;
        this.breaches = breaches;
        this.staff = staff;
        this.taskService = taskService;
        this.currentUser = currentUser;
        this.extension = extension;
        this.calendar = calendar;
        this.timeline = timeline;
        this.notifications = notifications;
        this.hours = properties.sla().calendar();
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        String lateTaskId = Variables.ESCALATED_TASK_ID.from(task);
        Optional<SlaClocks.Clock> clock = clocks.find(lateTaskId);
        Optional<Task> late = openTasks.find(lateTaskId);
        StringBuilder md = new StringBuilder();
        long level = Optional.ofNullable(Variables.ESCALATION_LEVEL.from(task)).orElse(1L);
        md.append(level > 1 ? "**Second escalation** (past the second limit). " : "");
        md.append("**").append(late.map(Task::getName).orElse("The task")).append("**");
        clock.ifPresent(c -> md.append(" was due **").append(SlaFormat.time(c.schedule().dueAt(), hours.zone()))
                .append("** and was **").append(SlaFormat.duration(Duration.between(c.schedule().dueAt(),
                        CaseClock.now().toInstant()))).append("** late when this escalation was raised")
                .append(c.extensions() > 0 ? " (deadline extended " + c.extensions() + " time(s) before)" : ""));
        md.append(".\n\nAssigned to: **").append(late.map(Task::getAssignee).orElse("nobody")).append("**");
        List<String> colleagues = staff.team(context.caseFile().team() == null ? "" : context.caseFile().team()).stream()
                .filter(p -> p.role() == StaffProfiles.Role.CASE_MANAGER && p.available(today()))
                .map(StaffProfiles.Profile::userId).toList();
        if (!colleagues.isEmpty()) {
            md.append("\n\nCase managers of the team available today: ").append(String.join(", ", colleagues));
        }
        Variables.ESCALATION_SUMMARY.setLocal(task, md.toString());
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        Optional<Task> late = openTasks.find(lateTaskId(context));
        String action = data.text("escalationAction");
        if (late.isEmpty()) {
            if (!"ACKNOWLEDGE".equals(action)) {
                problems.add("escalationAction", "can only be ACKNOWLEDGE: the late task has already ended");
            }
            return;
        }
        if (context.userId().equals(late.get().getAssignee())) {
            problems.add("escalationAction", "cannot come from the person whose task is late");
            return;
        }
        if (late.get().isSuspended() && !"ACKNOWLEDGE".equals(action)) {
            problems.add("escalationAction", "can only be ACKNOWLEDGE while the late task is suspended");
            return;
        }
        switch (action) {
            case "REASSIGN" -> checkReassignment(data, context, late.get(), problems);
            case "EXTEND" -> checkExtension(data, problems);
            default -> { }
        }
    }

    private void checkReassignment(StageData data, StageContext context, Task late, Problems problems) {
        String to = data.text("reassignTo");
        if (to == null) {
            problems.add("reassignTo", "is required to reassign the task");
            return;
        }
        // a supervisor's task (an approval, a review) goes to another supervisor, never to a case manager
        StaffProfiles.Role role = Tasks.SUPERVISOR_TASKS.contains(late.getTaskDefinitionKey())
                ? StaffProfiles.Role.SUPERVISOR : StaffProfiles.Role.CASE_MANAGER;
        Optional<StaffProfiles.Profile> profile = staff.find(to);
        if (profile.isEmpty() || profile.get().role() != role
                || !profile.get().team().equals(context.caseFile().team())) {
            problems.add("reassignTo", role == StaffProfiles.Role.SUPERVISOR
                    ? "must be another supervisor of the case's team (this is a supervisor's task)"
                    : "must be a case manager of the case's team");
        } else if (!profile.get().available(today())) {
            problems.add("reassignTo", "is not available today");
        } else if (to.equals(late.getAssignee())) {
            problems.add("reassignTo", "already has the task");
        }
    }

    private void checkExtension(StageData data, Problems problems) {
        LocalDate newDeadline = data.date("newDeadline");
        if (newDeadline == null) {
            problems.add("newDeadline", "is required to extend the deadline");
        } else if (!newDeadline.isAfter(today())) {
            problems.add("newDeadline", "must be after today");
        } else if (newDeadline.isAfter(today().plusDays(MAX_EXTENSION_DAYS))) {
            problems.add("newDeadline", "must be within " + MAX_EXTENSION_DAYS + " days");
        } else if (!calendar.isWorkingTime(endOfWorkingDay(newDeadline).minusSeconds(1))) {
            problems.add("newDeadline", "must be a working day");
        }
        if (!data.has("extensionReason")) {
            problems.add("extensionReason", "is required to extend the deadline");
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        String lateTaskId = lateTaskId(context);
        escalations.endOtherEscalations(lateTaskId, context.task().getProcessInstanceId());
        Optional<Task> stillOpen = openTasks.find(lateTaskId);
        if (stillOpen.isEmpty()) {
            breaches.resolve(lateTaskId, "ACKNOWLEDGED", context.userId());
            timeline.add(context.caseFile().id(), context.userId(), "ESCALATION_ACKNOWLEDGED", Tasks.ESCALATION,
                    "Missed deadline acknowledged; the late task had already ended");
            return;
        }
        Task late = stillOpen.get();
        String caseNumber = context.caseFile().caseNumber();
        switch (data.text("escalationAction")) {
            case "REASSIGN" -> {
                String to = data.text("reassignTo");
                currentUser.withoutEngineAuthorization(() -> {
                    taskService.setAssignee(lateTaskId, to);
                    return null;
                });
                breaches.resolve(lateTaskId, "REASSIGNED", context.userId());
                timeline.add(context.caseFile().id(), context.userId(), "TASK_REASSIGNED", late.getTaskDefinitionKey(),
                        late.getName() + " reassigned from " + late.getAssignee() + " to " + to + " after a missed deadline");
                notifications.toUser(to, new Notice("TASK_REASSIGNED", caseNumber,
                        "Case " + caseNumber + ": " + late.getName() + " is now yours",
                        "The overdue task \"" + late.getName() + "\" of case " + caseNumber
                                + " was reassigned to you by " + context.userId() + ". Open Tasklist to work it."));
            }
            case "EXTEND" -> {
                Instant due = endOfWorkingDay(data.date("newDeadline"));
                extension.extend(lateTaskId, due);
                currentUser.withoutEngineAuthorization(() -> {
                    taskService.setVariableLocal(lateTaskId, Variables.SLA_STATE.name(), "EXTENDED");
                    return null;
                });
                breaches.resolve(lateTaskId, "EXTENDED", context.userId());
                timeline.add(context.caseFile().id(), context.userId(), "DEADLINE_EXTENDED", late.getTaskDefinitionKey(),
                        late.getName() + " is now due " + SlaFormat.time(due, hours.zone()));
                if (late.getAssignee() != null) {
                    notifications.toUser(late.getAssignee(), new Notice("DEADLINE_EXTENDED", caseNumber,
                            "Case " + caseNumber + ": " + late.getName() + " now due " + SlaFormat.time(due, hours.zone()),
                            "The deadline of \"" + late.getName() + "\" of case " + caseNumber + " was extended by "
                                    + context.userId() + " to " + SlaFormat.time(due, hours.zone()) + "."));
                }
            }
            default -> {
                breaches.resolve(lateTaskId, "ACKNOWLEDGED", context.userId());
                timeline.add(context.caseFile().id(), context.userId(), "ESCALATION_ACKNOWLEDGED",
                        late.getTaskDefinitionKey(), "Missed deadline of " + late.getName() + " acknowledged");
            }
        }
    }

    @Override
    public String summarize(StageData data) {
        return switch (data.text("escalationAction")) {
            case "REASSIGN" -> "Escalation handled: task reassigned";
            case "EXTEND" -> "Escalation handled: deadline extended";
            default -> "Escalation handled: acknowledged";
        };
    }

    /**
     * The late task of this escalation, from the breach record Caseway linked to it: never from a
     * process variable, which whoever completes the task could overwrite.
     */
    private String lateTaskId(StageContext context) {
        return breaches.lateTaskOf(context.task().getProcessInstanceId(), context.caseFile().id())
                .orElseThrow(() -> new IllegalStateException("Escalation " + context.task().getProcessInstanceId()
                        + " has no breach record of case " + context.caseFile().caseNumber()));
    }

    private LocalDate today() {
        return CaseClock.now().atZoneSameInstant(hours.zone()).toLocalDate();
    }

    private Instant endOfWorkingDay(LocalDate day) {
        return day.atTime(hours.closes()).atZone(hours.zone()).toInstant();
    }
}
