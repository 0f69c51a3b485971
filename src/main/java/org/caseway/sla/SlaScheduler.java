package org.caseway.sla;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.Variables;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.process.CaseProcess;
import org.springframework.stereotype.Component;

/**
 * Works out a task's SLA schedule. The engine creates a task's timeout timers (reminder, deadline,
 * second escalation) just before the task itself, and the task's create listener right after: both
 * read the same schedule, computed once per task from the policy and the working calendar. Once the
 * task exists (an extension re-arms its timers), its clock in sla_clock is the schedule.
 */
@Component
public class SlaScheduler {

    /**
     * Transient (never stored, never in history) execution variable holding the schedule between
     * the timers and the task's creation, as text: transient object values still need a serializer.
     */
    static final String SCHEDULE = "slaSchedule";

    private final SlaPolicy policy;
    private final BusinessCalendar calendar;
    private final CaseFiles caseFiles;
    private final SlaClocks clocks;

    SlaScheduler(SlaPolicy policy, BusinessCalendar calendar, CaseFiles caseFiles, SlaClocks clocks) {
        this.policy = policy;
        this.calendar = calendar;
        this.caseFiles = caseFiles;
        this.clocks = clocks;
    }

    public SlaSchedule scheduleFor(DelegateExecution execution) {
        Object cached = execution.getVariableLocal(SCHEDULE);
        if (cached instanceof String encoded) {
            return decode(encoded);
        }
        ExecutionEntity entity = (ExecutionEntity) execution;
        for (TaskEntity task : entity.getTasks()) {
            var clock = clocks.find(task.getId());
            if (clock.isPresent()) {
                return clock.get().schedule();
            }
        }
        SlaSchedule schedule = compute(execution.getCurrentActivityId(), caseFiles.getByNumber(execution.getProcessBusinessKey()),
                isCrisisWork(entity), ClockUtil.getCurrentTime().toInstant());
        execution.setVariableLocal(SCHEDULE, Variables.stringValue(encode(schedule), true));
        return schedule;
    }

    private static String encode(SlaSchedule s) {
        return String.join("|", s.priority().name(), Boolean.toString(s.businessHours()), Integer.toString(s.policyVersion()),
                s.createdAt().toString(), s.goalAt().toString(), s.dueAt().toString(), s.secondAt().toString(),
                s.secondAfter().toString());
    }

    private static SlaSchedule decode(String encoded) {
        String[] p = encoded.split("\\|");
        return new SlaSchedule(SlaPriority.valueOf(p[0]), Boolean.parseBoolean(p[1]), Integer.parseInt(p[2]),
                Instant.parse(p[3]), Instant.parse(p[4]), Instant.parse(p[5]), Instant.parse(p[6]), SlaDuration.parse(p[7]));
    }

    SlaSchedule compute(String taskKey, CaseFile caseFile, boolean crisisWork, Instant now) {
        SlaPriority priority = SlaPriority.of(caseFile, crisisWork);
        SlaTerms terms = policy.termsFor(taskKey, priority, caseFile.riskLevel());
        Instant due = calendar.plus(now, terms.deadline(), terms.businessHours());
        Instant goal = calendar.plus(now, terms.goal(), terms.businessHours());
        if (goal.isAfter(due)) {
            goal = due;
        }
        Instant second = calendar.plus(due, terms.secondEscalationAfter(), terms.businessHours());
        return new SlaSchedule(priority, terms.businessHours(), terms.policyVersion(), now, goal, due, second,
                terms.secondEscalationAfter());
    }

    /** The crisis flow's tasks, and escalations of crisis work, run around the clock. */
    private static boolean isCrisisWork(ExecutionEntity execution) {
        String processKey = execution.getProcessDefinition().getKey();
        if (CaseProcess.CRISIS_KEY.equals(processKey)) {
            return true;
        }
        return CaseProcess.SLA_ESCALATION_KEY.equals(processKey)
                && SlaPriority.CRISIS.name().equals(CaseProcess.Variables.SLA_PRIORITY.from(execution));
    }
}
