package org.caseway.casefile;

import java.util.Map;
import org.caseway.process.CaseProcess.Tasks;

/** The stage of the lifecycle a case is in, derived from the task it is waiting on. */
public enum CaseStage {
    INTAKE, NEEDS_ASSESSMENT, SERVICE_PLANNING, SERVICE_COORDINATION, MONITORING, CLOSURE, CLOSED;

    private static final Map<String, CaseStage> BY_TASK = Map.of(
            Tasks.INTAKE, INTAKE,
            Tasks.NEEDS_ASSESSMENT, NEEDS_ASSESSMENT,
            Tasks.SERVICE_PLAN, SERVICE_PLANNING,
            Tasks.APPROVE_SERVICE_PLAN, SERVICE_PLANNING,
            Tasks.REFER_SERVICE, SERVICE_COORDINATION,
            Tasks.REFERRAL_FOLLOW_UP, SERVICE_COORDINATION,
            Tasks.DELIVER_SERVICE, SERVICE_COORDINATION,
            Tasks.FOLLOW_UP_CONTACT, MONITORING,
            Tasks.CLOSURE_SUMMARY, CLOSURE,
            Tasks.APPROVE_CLOSURE, CLOSURE);

    /** The stage of a task key, or null for a task outside the main lifecycle. */
    public static CaseStage ofTask(String taskKey) {
        return BY_TASK.get(taskKey);
    }
}
