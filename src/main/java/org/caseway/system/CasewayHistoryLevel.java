package org.caseway.system;

import java.util.Set;
import org.camunda.bpm.engine.impl.history.AbstractHistoryLevel;
import org.camunda.bpm.engine.history.UserOperationLogQuery;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;

/**
 * Caseway's history level {@value #NAME}: everything the built-in level "full" records except the
 * history whose content Caseway's own tables already hold, which is also most of the engine's
 * history writes.
 *
 * <p>Kept, the audit trail: process, activity and task instances (who worked which stage, when),
 * identity links (who was candidate or assignee), the user operation log ({@link UserOperationLogQuery}:
 * who completed, claimed, reassigned or deleted what), incidents, variable instances (routing variables
 * only, see {@link RoutingOnlyVariableHistory}), batches and external tasks.
 *
 * <p>Dropped: the job log (the SLA block creates and deletes three timer jobs per user task; a failed job
 * still leaves an incident), decision evaluations (one sla-policy evaluation per user task; sla_clock holds
 * the policy version and the deadlines it gave), and the per-update variable and form property details
 * (the case timeline records every step).
 */
final class CasewayHistoryLevel extends AbstractHistoryLevel {

    static final String NAME = "caseway";

    /** Not one of the built-in levels 0 to 3, and away from them should Camunda ever add one. */
    static final int ID = 35;

    static final CasewayHistoryLevel INSTANCE = new CasewayHistoryLevel();

    private static final Set<HistoryEventType> DROPPED = Set.of(
            HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
            HistoryEventTypes.FORM_PROPERTY_UPDATE,
            HistoryEventTypes.JOB_CREATE,
            HistoryEventTypes.JOB_FAIL,
            HistoryEventTypes.JOB_SUCCESS,
            HistoryEventTypes.JOB_DELETE,
            HistoryEventTypes.DMN_DECISION_EVALUATE);

    private CasewayHistoryLevel() {
    }

    @Override
    public int getId() {
        return ID;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
        return !DROPPED.contains(eventType);
    }
}
