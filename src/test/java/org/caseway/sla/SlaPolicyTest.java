package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.caseway.process.CaseProcess;
import org.caseway.system.CasewayProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a node looks up which sla-policy version is the latest: after it read a new version itself, after the version
 * it knows was deleted through it, and otherwise once caseway.sla.policy-refresh has passed (a version deployed
 * through another node of a cluster). A deployment through the engine itself is SlaEscalationTest's
 * aRedeployedPolicyGovernsTasksCreatedAfterwards.
 */
class SlaPolicyTest {

    private final RepositoryService repository = mock(RepositoryService.class, RETURNS_DEEP_STUBS);
    private final SlaPolicyDeployments deployments = mock(SlaPolicyDeployments.class);
    /** The versions the database holds as the latest, one per lookup; the last one stays. */
    private final Deque<DecisionDefinition> latestInDatabase = new ArrayDeque<>();
    private int lookups;

    @BeforeEach
    void theDatabase() {
        when(repository.createDecisionDefinitionQuery().decisionDefinitionKey(CaseProcess.SLA_POLICY_DECISION)
                .latestVersion().singleResult()).thenAnswer(invocation -> {
                    lookups++;
                    return latestInDatabase.size() > 1 ? latestInDatabase.poll() : latestInDatabase.peek();
                });
        when(deployments.stillDeployed(org.mockito.ArgumentMatchers.anyString())).thenReturn(true);
    }

    @Test
    void theLatestVersionIsLookedUpOncePerRefreshInterval() {
        SlaPolicy policy = policy(Duration.ofHours(1));
        latestInDatabase.add(version("v1"));
        latestInDatabase.add(version("v2"));

        assertThat(policy.latestTable().getId()).isEqualTo("v1");
        // another node deployed v2: this node keeps v1 until the interval has passed
        assertThat(policy.latestTable().getId()).isEqualTo("v1");
        assertThat(lookups).isEqualTo(1);
    }

    @Test
    void aVersionDeployedThroughAnotherNodeGovernsOnceTheIntervalHasPassed() {
        SlaPolicy policy = policy(Duration.ZERO);
        latestInDatabase.add(version("v1"));
        latestInDatabase.add(version("v2"));

        assertThat(policy.latestTable().getId()).isEqualTo("v1");
        assertThat(policy.latestTable().getId()).isEqualTo("v2");
        assertThat(lookups).isEqualTo(2);
    }

    @Test
    void aVersionThisNodeReadsGovernsAtOnce() {
        SlaPolicy policy = policy(Duration.ofHours(1));
        latestInDatabase.add(version("v1"));
        latestInDatabase.add(version("v2"));
        assertThat(policy.latestTable().getId()).isEqualTo("v1");

        when(deployments.generation()).thenReturn(1L);

        assertThat(policy.latestTable().getId()).isEqualTo("v2");
        assertThat(policy.latestTable().getId()).isEqualTo("v2");
        assertThat(lookups).isEqualTo(2);
    }

    @Test
    void aVersionWhoseDeploymentThisNodeDeletedIsLookedUpAgain() {
        SlaPolicy policy = policy(Duration.ofHours(1));
        latestInDatabase.add(version("v2"));
        latestInDatabase.add(version("v1"));
        assertThat(policy.latestTable().getId()).isEqualTo("v2");

        when(deployments.stillDeployed("v2")).thenReturn(false);

        assertThat(policy.latestTable().getId()).isEqualTo("v1");
        assertThat(lookups).isEqualTo(2);
    }

    private SlaPolicy policy(Duration refresh) {
        CasewayProperties properties = mock(CasewayProperties.class);
        when(properties.sla()).thenReturn(new CasewayProperties.Sla(null, refresh));
        return new SlaPolicy(repository, null, null, deployments, properties);
    }

    private static DecisionDefinition version(String id) {
        DecisionDefinition definition = mock(DecisionDefinition.class);
        when(definition.getId()).thenReturn(id);
        return definition;
    }
}
