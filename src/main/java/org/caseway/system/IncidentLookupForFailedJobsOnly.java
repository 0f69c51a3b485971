package org.caseway.system;

import java.util.ArrayList;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * A job that has retries left is deleted without a search for its incident.
 *
 * <p>Whenever the engine deletes a job (a task's three SLA timers when the task ends, every timer and asynchronous
 * step that ran), it asks the database for the job's failed-job incident ({@code SELECT * FROM ACT_RU_INCIDENT
 * WHERE CONFIGURATION_ = ?}): three statements of every task completion, one of every escalation. The engine
 * opens such an incident only when a job's retries reach 0, and closes it whenever they go up from 0 again
 * ({@code JobEntity.setRetries}). So a job this command has loaded with retries left has no open incident, and
 * the search is skipped; a job at 0 retries, or one the command has not loaded, is searched for as before.
 * (Only a failed-job incident created by hand through {@code RuntimeService.createIncident} for a job with
 * retries left would now stay when the job goes, as incidents of other types always do.)
 */
@Component
class IncidentLookupForFailedJobsOnly extends AbstractProcessEnginePlugin {

    private final CasewayProperties properties;

    IncidentLookupForFailedJobsOnly(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!properties.engine().incidentLookupForFailedJobsOnly()) {
            return;
        }
        if (configuration.getCustomIncidentHandlers() == null) {
            configuration.setCustomIncidentHandlers(new ArrayList<>());
        }
        // a custom handler of a type replaces the engine's handler of that type
        configuration.getCustomIncidentHandlers().add(new FailedJobIncidents());
    }

    static class FailedJobIncidents extends DefaultIncidentHandler {

        FailedJobIncidents() {
            super(Incident.FAILED_JOB_HANDLER_TYPE);
        }

        @Override
        public void resolveIncident(IncidentContext context) {
            if (mayHaveIncident(context)) {
                super.resolveIncident(context);
            }
        }

        @Override
        public void deleteIncident(IncidentContext context) {
            if (mayHaveIncident(context)) {
                super.deleteIncident(context);
            }
        }

        private static boolean mayHaveIncident(IncidentContext context) {
            CommandContext commandContext = Context.getCommandContext();
            JobEntity job = commandContext == null || context.getConfiguration() == null ? null
                    : commandContext.getDbEntityManager().getCachedEntity(JobEntity.class, context.getConfiguration());
            return job == null || job.getRetries() <= 0;
        }
    }
}
