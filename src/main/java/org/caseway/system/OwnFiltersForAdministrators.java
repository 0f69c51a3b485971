package org.caseway.system;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
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
 *
 * <p>The database does the choosing and the paging: the administrator's query runs as the engine's filter query with
 * the owner criterion widened to {@code (RES.OWNER_ IS NULL OR RES.OWNER_ = ?)}, so a list request reads one page of
 * the filters it shows, not every case worker's (until 28 November every filter was read and the choice made here).
 */
@Component
class OwnFiltersForAdministrators extends AbstractProcessEnginePlugin {

    static final String OWNER_CRITERION = "RES.OWNER_ = ?";
    static final String SHARED_AND_OWN = "casewaySelectSharedAndOwnFilters";
    static final String SHARED_AND_OWN_COUNT = "casewaySelectSharedAndOwnFilterCount";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        // the engine's statements as this database runs them (PostgreSQL has a list statement of its own)
        DbSqlSessionFactory sessions = configuration.getDbSqlSessionFactory();
        EngineStatements.addDerived(configuration, sessions.mapStatement("selectFilterByQueryCriteria"), SHARED_AND_OWN,
                OwnFiltersForAdministrators::sharedOrOwn);
        EngineStatements.addDerived(configuration, sessions.mapStatement("selectFilterCountByQueryCriteria"),
                SHARED_AND_OWN_COUNT, OwnFiltersForAdministrators::sharedOrOwn);
    }

    /** The engine's filter query with its owner criterion ({@code owner} set) widened to the filters without owner. */
    static String sharedOrOwn(String sql) {
        int at = sql.indexOf(OWNER_CRITERION);
        if (at < 0 || sql.indexOf(OWNER_CRITERION, at + 1) >= 0) {
            throw new IllegalStateException("this Camunda version's filter query has not one '" + OWNER_CRITERION
                    + "' to widen: " + sql);
        }
        return sql.substring(0, at) + "(RES.OWNER_ IS NULL OR " + OWNER_CRITERION + ")"
                + sql.substring(at + OWNER_CRITERION.length());
    }

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

        private static final Field OWNER = PrivateFields.of(FilterQueryImpl.class, "owner");
        private static final Field FILTER_ID = PrivateFields.of(FilterQueryImpl.class, "filterId");

        @Override
        public List<Filter> findFiltersByQueryCriteria(FilterQueryImpl query) {
            String administrator = administratorListingAll(query);
            if (administrator == null) {
                return super.findFiltersByQueryCriteria(query);
            }
            configureQuery(query, Resources.FILTER);
            return ownedBy(query, administrator, () -> getDbEntityManager().selectList(SHARED_AND_OWN, query));
        }

        @Override
        public long findFilterCountByQueryCriteria(FilterQueryImpl query) {
            String administrator = administratorListingAll(query);
            if (administrator == null) {
                return super.findFilterCountByQueryCriteria(query);
            }
            configureQuery(query, Resources.FILTER);
            return ownedBy(query, administrator, () -> (Long) getDbEntityManager().selectOne(SHARED_AND_OWN_COUNT, query));
        }

        /** Runs the query with the administrator as its owner criterion, which the statement widens to shared ones. */
        private static <T> T ownedBy(FilterQueryImpl query, String administrator, Supplier<T> select) {
            PrivateFields.set(OWNER, query, administrator);
            try {
                return select.get();
            } finally {
                PrivateFields.set(OWNER, query, null);
            }
        }

        /** The administrator's user id when this query lists filters of anyone; otherwise null. */
        private String administratorListingAll(FilterQueryImpl query) {
            CommandContext commandContext = Context.getCommandContext();
            Authentication authentication = commandContext.getAuthentication();
            if (authentication == null || authentication.getUserId() == null
                    || !commandContext.isAuthorizationCheckEnabled()
                    || !getAuthorizationManager().isCamundaAdmin(authentication)
                    || PrivateFields.get(OWNER, query) != null || PrivateFields.get(FILTER_ID, query) != null) {
                return null;
            }
            return authentication.getUserId();
        }
    }
}
