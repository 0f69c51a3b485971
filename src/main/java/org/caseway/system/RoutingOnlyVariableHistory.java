package org.caseway.system;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Confidentiality in the engine's history: values of variables the flow does not route on (form
 * fields with notes and client details, display values like the case summary) never reach the
 * history tables, where Cockpit and the history REST API would show them. Caseway's own tables
 * hold those records, with access checks and an access log. All other history is kept.
 */
class RoutingOnlyVariableHistory implements HistoryEventHandler {

    private final HistoryEventHandler delegate;
    private final Set<String> routingVariables;

    RoutingOnlyVariableHistory(HistoryEventHandler delegate, Set<String> routingVariables) {
        this.delegate = delegate;
        this.routingVariables = routingVariables;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
        if (keep(event)) {
            delegate.handleEvent(event);
        }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
        events.forEach(this::handleEvent);
    }

    private boolean keep(HistoryEvent event) {
        if (event instanceof HistoricVariableUpdateEventEntity variable) {
            // a task's own values are display copies (its Tasklist card): the process's routing value is the record
            return routingVariables.contains(variable.getVariableName()) && variable.getTaskId() == null;
        }
        if (event instanceof HistoricFormPropertyEventEntity property) {
            return routingVariables.contains(property.getPropertyId());
        }
        return true;
    }
}
