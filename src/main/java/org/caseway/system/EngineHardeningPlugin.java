package org.caseway.system;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Engine settings that come from Caseway's typed configuration rather than from generic
 * properties: the records retention applied to every process and decision definition, and the
 * upper bound of query results. The other security switches are in application.yaml
 * (camunda.bpm.generic-properties) so operators see them in one place.
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
        configuration.setEnableDefaultDbHistoryEventHandler(false);
        configuration.setCustomHistoryEventHandlers(new java.util.ArrayList<>(java.util.List.of(
                new RoutingOnlyVariableHistory(new org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler(),
                        org.caseway.process.CaseProcess.Variables.ROUTING))));
        configuration.setGroupResourceWhitelistPattern("[a-zA-Z0-9][a-zA-Z0-9-]{0,63}|camunda-admin");
    }
}
