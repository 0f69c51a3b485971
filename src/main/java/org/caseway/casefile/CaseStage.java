package org.caseway.casefile;

import java.util.Map;
import org.caseway.process.CaseProcess.Tasks;

/** The stage of the lifecycle a case is in, derived from the task it is waiting on. */
public enum CaseStage {
    INTAKE, NEEDS_ASSESSMENT, SERVICE_PLANNING, SERVICE_COORDINATION, MONITORING, CLOSURE, CLOSED;

    private static final Map<String, CaseStage> BY_TASK = Map.ofEntries(
            Map.entry(Tasks.INTAKE, INTAKE),
            Map.entry(Tasks.NEEDS_ASSESSMENT, NEEDS_ASSESSMENT),
            Map.entry(Tasks.SERVICE_PLAN, SERVICE_PLANNING),
            Map.entry(Tasks.APPROVE_SERVICE_PLAN, SERVICE_PLANNING),
            Map.entry(Tasks.REFER_SERVICE, SERVICE_COORDINATION),
            Map.entry(Tasks.REFERRAL_FOLLOW_UP, SERVICE_COORDINATION),
            Map.entry(Tasks.DELIVER_SERVICE, SERVICE_COORDINATION),
            Map.entry(Tasks.FOLLOW_UP_CONTACT, MONITORING),
            Map.entry(Tasks.CLOSURE_SUMMARY, CLOSURE),
            Map.entry(Tasks.APPROVE_CLOSURE, CLOSURE),
            Map.entry(Tasks.OUTREACH, MONITORING),
            Map.entry(Tasks.POST_CLOSURE_CHECK, CLOSED));

    /** The stage of a task key, or null for a task outside the main lifecycle. */
    public static CaseStage ofTask(String taskKey) {
        return BY_TASK.get(taskKey);
    }
}
