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
import org.caseway.system.CasewayProperties;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * Reads the sla-policy decision table, always its latest deployed version: an analyst changes a
 * deadline by redeploying the table, and tasks created afterwards follow it without a restart.
 *
 * <p>A deployed version never changes and its rules read only the three inputs, so the terms of each version and
 * input are evaluated once and kept: evaluating the table's FEEL rules took about a quarter of the CPU of a task
 * creation (README "Performance"). Which version is the latest is looked up again when this node has read a new
 * sla-policy table ({@link SlaPolicyDeployments}: a deployment through this node governs the next task) and
 * otherwise at most every {@code caseway.sla.policy-refresh}, so that a version deployed through another node of a
 * cluster governs this node's tasks within that time. The lookup was 7% of the job executor's CPU in a burst of
 * deadlines, one query per task.
 */
@Component
public class SlaPolicy {

    private record Inputs(String taskKey, SlaPriority priority, String riskLevel) {
    }

    /** The terms of one deployed version by inputs; replaced when a new version is deployed. */
    private record Evaluated(String decisionDefinitionId, Map<Inputs, SlaTerms> terms) {
    }

    /** The latest version as looked up at {@code lookedUpAt} (System.nanoTime), when the node had read {@code generation}. */
    private record Latest(DecisionDefinition table, long generation, long lookedUpAt) {
    }

    private final AtomicReference<Evaluated> evaluated = new AtomicReference<>(new Evaluated("", Map.of()));
    private final AtomicReference<Latest> latest = new AtomicReference<>();

    private final RepositoryService repository;
    private final DecisionService decisions;
    private final CurrentUser currentUser;
    private final SlaPolicyDeployments deployments;
    private final long refreshNanos;

    SlaPolicy(RepositoryService repository, DecisionService decisions, CurrentUser currentUser,
              SlaPolicyDeployments deployments, CasewayProperties properties) {
        this.repository = repository;
        this.decisions = decisions;
        this.currentUser = currentUser;
        this.deployments = deployments;
        this.refreshNanos = properties.sla().policyRefresh().toNanos();
    }

    public SlaTerms termsFor(String taskKey, SlaPriority priority, String riskLevel) {
        return currentUser.withoutEngineAuthorization(() -> {
            DecisionDefinition table = latestTable();
            Evaluated known = evaluated.get();
            if (!known.decisionDefinitionId().equals(table.getId())) {
                known = new Evaluated(table.getId(), new ConcurrentHashMap<>());
                evaluated.set(known);
            }
            return known.terms().computeIfAbsent(new Inputs(taskKey, priority, riskLevel), inputs -> evaluate(table, inputs));
        });
    }

    /**
     * The latest deployed version: looked up again after this node read a new one or deleted the one it knows, and
     * otherwise after policy-refresh.
     */
    DecisionDefinition latestTable() {
        long generation = deployments.generation();
        long now = System.nanoTime();
        Latest known = latest.get();
        if (known != null && known.generation() == generation && now - known.lookedUpAt() < refreshNanos
                && deployments.stillDeployed(known.table().getId())) {
            return known.table();
        }
        DecisionDefinition table = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(CaseProcess.SLA_POLICY_DECISION).latestVersion().singleResult();
        if (table == null) {
            throw new IllegalStateException("The decision table " + CaseProcess.SLA_POLICY_DECISION + " is not deployed");
        }
        latest.set(new Latest(table, generation, now));
        return table;
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
