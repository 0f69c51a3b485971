package org.caseway.sla;

import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.caseway.process.CaseProcess;
import org.springframework.stereotype.Component;

/**
 * Counts the sla-policy tables this node's engine reads: a deployment through this node (Modeler, REST, a restart's
 * auto-deployment) and a version read again into the engine's cache. {@link SlaPolicy} looks the latest version up
 * again when the count has changed or its version left the engine's cache (its deployment was deleted), so a policy
 * deployed or withdrawn through this node governs the next task at once.
 */
@Component
class SlaPolicyDeployments extends AbstractProcessEnginePlugin implements DmnTransformListener {

    private final AtomicLong generation = new AtomicLong();
    private volatile ProcessEngineConfigurationImpl engine;

    /** Changes whenever this node's engine has read an sla-policy table. */
    long generation() {
        return generation.get();
    }

    /** False once the version's deployment was deleted through this node (or the engine's cache let it go). */
    boolean stillDeployed(String decisionDefinitionId) {
        return engine.getDeploymentCache().findDecisionDefinitionFromCache(decisionDefinitionId) != null;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        this.engine = configuration;
        configuration.getDmnEngineConfiguration().getTransformer().getTransformListeners().add(this);
    }

    @Override
    public void transformDecision(Decision decision, DmnDecision dmnDecision) {
        if (CaseProcess.SLA_POLICY_DECISION.equals(dmnDecision.getKey())) {
            generation.incrementAndGet();
        }
    }

    @Override
    public void transformDecisionTableInput(Input input, DmnDecisionTableInputImpl dmnInput) {
    }

    @Override
    public void transformDecisionTableOutput(Output output, DmnDecisionTableOutputImpl dmnOutput) {
    }

    @Override
    public void transformDecisionTableRule(Rule rule, DmnDecisionTableRuleImpl dmnRule) {
    }

    @Override
    public void transformDecisionRequirementsGraph(Definitions definitions, DmnDecisionRequirementsGraph graph) {
    }
}
