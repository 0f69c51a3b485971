package org.caseway.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * The engine's security baseline and Caseway's engine settings, in one place: records retention
 * for every process and decision definition, the query result bound (both from the typed
 * {@link CasewayProperties}), Java serialization off, deserialization type validation on,
 * expressions in queries off, webapp login logging on, confidential variables kept out of history,
 * form refusals answered with 400, and the group id pattern. Set in code so that configuration
 * cannot switch the baseline off by accident; the authorization switch is in application.yaml.
 *
 * <p>History and retention (README "History and retention"): the {@link CasewayHistoryLevel} is registered
 * here and chosen in application.yaml ({@code camunda.bpm.history-level}); no removal time is written, and
 * history cleanup removes an ended case's history its time to live after it ended, inside the agency's
 * cleanup window.
 */
@Component
class EngineHardeningPlugin extends AbstractProcessEnginePlugin {

    private final CasewayProperties properties;

    EngineHardeningPlugin(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryTimeToLive(properties.records().historyTimeToLiveDays());
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setQueryMaxResultsLimit(properties.engine().queryMaxResultsLimit());
        configuration.setJavaSerializationFormatEnabled(false);
        configuration.setDeserializationTypeValidationEnabled(true);
        configuration.setEnableExpressionsInStoredQueries(false);
        configuration.setEnableExpressionsInAdhocQueries(false);
        configuration.setWebappsAuthenticationLoggingEnabled(true);
        // role and team group ids are kebab-case (case-managers, team-youth); letters, digits and hyphens only
        if (configuration.getCustomPreCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPreCommandInterceptorsTxRequired(new java.util.ArrayList<>());
        }
        configuration.getCustomPreCommandInterceptorsTxRequired().add(0, new UnwrapBadUserRequestInterceptor());
        if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
            configuration.setCustomPostCommandInterceptorsTxRequired(new java.util.ArrayList<>());
        }
        configuration.getCustomPostCommandInterceptorsTxRequired().add(0, new UnwrapBadUserRequestInterceptor.MarkRefusals());
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.setCustomHistoryEventHandlers(new java.util.ArrayList<>(java.util.List.of(
                new RoutingOnlyVariableHistory(new org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler(),
                        org.caseway.process.CaseProcess.Variables.ROUTING))));
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9][a-zA-Z0-9-]{0,63}|camunda-admin");
        records(configuration, properties.records());
    }

    private static void records(ProcessEngineConfigurationImpl configuration, CasewayProperties.Records records) {
        if (configuration.getCustomHistoryLevels() == null) {
            configuration.setCustomHistoryLevels(new java.util.ArrayList<>());
        }
        configuration.getCustomHistoryLevels().add(CasewayHistoryLevel.INSTANCE);
        // no REMOVAL_TIME_ on history rows: the strategy "end" updates every history table of an instance
        // when it ends; "endTimeBased" cleanup finds ended instances by their end time instead
        configuration.setHistoryRemovalTimeStrategy(org.camunda.bpm.engine.ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_NONE);
        configuration.setHistoryCleanupStrategy(org.camunda.bpm.engine.ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_END_TIME_BASED);
        configuration.setHistoryCleanupBatchWindowStartTime(records.cleanupWindowStartTime());
        configuration.setHistoryCleanupBatchWindowEndTime(records.cleanupWindowEndTime());
    }
}
