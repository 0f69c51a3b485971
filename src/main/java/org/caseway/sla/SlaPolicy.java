package org.caseway.sla;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.caseway.process.CaseProcess;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Reads the sla-policy decision table, always its latest deployed version: an analyst changes a
 * deadline by redeploying the table, and tasks created afterwards follow it without a restart.
 *
 * <p>A deployed version never changes and its rules read only the three inputs, so the terms of each version and
 * input are evaluated once and kept: evaluating the table's FEEL rules took about a quarter of the CPU of a task
 * creation (README "Operations: performance"). The latest version is still looked up for every task.
 */
@Component
public class SlaPolicy {

    private record Inputs(String taskKey, SlaPriority priority, String riskLevel) {
    }

    /** The terms of one deployed version by inputs; replaced when a new version is deployed. */
    private record Evaluated(String decisionDefinitionId, Map<Inputs, SlaTerms> terms) {
    }

    private final AtomicReference<Evaluated> evaluated = new AtomicReference<>(new Evaluated("", Map.of()));

    private final RepositoryService repository;
    private final DecisionService decisions;
    private final CurrentUser currentUser;

    SlaPolicy(RepositoryService repository, DecisionService decisions, CurrentUser currentUser) {
        this.repository = repository;
        this.decisions = decisions;
        this.currentUser = currentUser;
    }

    public SlaTerms termsFor(String taskKey, SlaPriority priority, String riskLevel) {
        return currentUser.withoutEngineAuthorization(() -> {
            DecisionDefinition table = repository.createDecisionDefinitionQuery()
                    .decisionDefinitionKey(CaseProcess.SLA_POLICY_DECISION).latestVersion().singleResult();
            if (table == null) {
                throw new IllegalStateException("The decision table " + CaseProcess.SLA_POLICY_DECISION + " is not deployed");
            }
            Evaluated known = evaluated.get();
            if (!known.decisionDefinitionId().equals(table.getId())) {
                known = new Evaluated(table.getId(), new ConcurrentHashMap<>());
                evaluated.set(known);
            }
            return known.terms().computeIfAbsent(new Inputs(taskKey, priority, riskLevel), inputs -> evaluate(table, inputs));
        });
    }

    private SlaTerms evaluate(DecisionDefinition table, Inputs inputs) {
        String taskKey = inputs.taskKey();
        SlaPriority priority = inputs.priority();
        String riskLevel = inputs.riskLevel();
        DmnDecisionRuleResult rule = decisions.evaluateDecisionTableById(table.getId(),
                Variables.createVariables().putValue("taskKey", taskKey).putValue("priority", priority.name())
                        .putValue("riskLevel", riskLevel)).getFirstResult();
        if (rule == null) {
            throw new IllegalStateException(CaseProcess.SLA_POLICY_DECISION + " version " + table.getVersion()
                    + " has no rule for task " + taskKey + " (" + priority + ")");
        }
        try {
            return new SlaTerms(SlaDuration.parse(rule.getEntry("goal")), SlaDuration.parse(rule.getEntry("deadline")),
                    SlaDuration.parse(rule.getEntry("secondEscalationAfter")),
                    Boolean.TRUE.equals(rule.getEntry("businessHours")), table.getVersion());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CaseProcess.SLA_POLICY_DECISION + " version " + table.getVersion()
                    + ", task " + taskKey + ": " + e.getMessage(), e);
        }
    }
}
