package org.caseway.system;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.filter.FilterQueryImpl;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;
import org.springframework.stereotype.Component;

/**
 * An administrator's filter list holds the shared filters and their own, not every person's.
 *
 * <p>"My tasks" and "My groups' unassigned tasks" are filters of each case worker ({@link TasklistFilters}),
 * which the engine's authorizations keep to their owner. The engine skips every authorization check for
 * members of {@code camunda-admin}, so an administrator's Tasklist listed every case worker's own filters by
 * the same two names: two per case worker, thousands in a large agency, and no way to tell whose is whose.
 * Here a filter query of an administrator that names no owner and no filter id returns the filters without
 * an owner and the administrator's own; a query for a named owner ({@code GET /engine-rest/filter?owner=mary})
 * or a filter by its id still finds any filter, as the administrator's rights allow. Everyone else's queries,
 * and the system's own (no authenticated user), are the engine's.
 */
@Component
class OwnFiltersForAdministrators extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
        }
        // a session factory of the same session type replaces the engine's own
        configuration.getCustomSessionFactories().add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return FilterManager.class;
            }

            @Override
            public Session openSession() {
                return new AdministratorsFilterManager();
            }
        });
    }

    static class AdministratorsFilterManager extends FilterManager {

        private static final Field OWNER = criterion("owner");
        private static final Field FILTER_ID = criterion("filterId");

        @Override
        public List<Filter> findFiltersByQueryCriteria(FilterQueryImpl query) {
            String administrator = administratorListingAll(query);
            if (administrator == null) {
                return super.findFiltersByQueryCriteria(query);
            }
            return sharedAndOwn(query, administrator).skip(query.getFirstResult()).limit(query.getMaxResults()).toList();
        }

        @Override
        public long findFilterCountByQueryCriteria(FilterQueryImpl query) {
            String administrator = administratorListingAll(query);
            if (administrator == null) {
                return super.findFilterCountByQueryCriteria(query);
            }
            return sharedAndOwn(query, administrator).count();
        }

        /** Every filter the query finds, unpaged, that has no owner or is the administrator's own. */
        private Stream<Filter> sharedAndOwn(FilterQueryImpl query, String administrator) {
            return unpaged(query).stream()
                    .filter(filter -> filter.getOwner() == null || filter.getOwner().equals(administrator));
        }

        private List<Filter> unpaged(FilterQueryImpl query) {
            int firstResult = query.getFirstResult();
            int maxResults = query.getMaxResults();
            query.setFirstResult(0);
            query.setMaxResults(Integer.MAX_VALUE);
            try {
                return super.findFiltersByQueryCriteria(query);
            } finally {
                query.setFirstResult(firstResult);
                query.setMaxResults(maxResults);
            }
        }

        /** The administrator's user id when this query lists filters of anyone; otherwise null. */
        private String administratorListingAll(FilterQueryImpl query) {
            CommandContext commandContext = Context.getCommandContext();
            Authentication authentication = commandContext.getAuthentication();
            if (authentication == null || authentication.getUserId() == null
                    || !commandContext.isAuthorizationCheckEnabled()
                    || !getAuthorizationManager().isCamundaAdmin(authentication)
                    || value(OWNER, query) != null || value(FILTER_ID, query) != null) {
                return null;
            }
            return authentication.getUserId();
        }

        private static Field criterion(String name) {
            try {
                Field field = FilterQueryImpl.class.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("this Camunda version's filter query has no " + name, e);
            }
        }

        private static Object value(Field field, FilterQueryImpl query) {
            try {
                return field.get(query);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
