package org.caseway.system;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.ListQueryParameterObject;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, queries that a person runs with the engine's authorization checks (Tasklist filters, task and
 * history queries through the REST APIs) are planned with their values every time; everything else, the engine's
 * lookups, writes and the queries it runs for itself, keeps the plans PostgreSQL caches.
 *
 * <p>Those queries check authorizations with bit masks ({@code PERMS_ & ? = ?}). With the values, PostgreSQL
 * estimates them from the statistics Caseway keeps on ACT_RU_AUTHORIZATION (db/engine/postgres) and a filter of
 * 10,000 tasks answers in about 0.1 s. A prepared statement's generic plan, which PostgreSQL switches to after
 * five runs on a connection, cannot use those statistics and took 5 s. This plugin tells the JDBC driver to send
 * such a query unnamed (prepare threshold 0), which PostgreSQL plans with the values it carries. Planning every
 * statement that way ({@code plan_cache_mode=force_custom_plan}, an earlier release) or every engine query cost
 * 15 to 25% of a case's lifecycle throughput (README "Performance").
 */
@Component
class QueryPlansWithValues extends AbstractProcessEnginePlugin {

    private final CasewayProperties properties;

    QueryPlansWithValues(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (properties.engine().queryPlansWithValues() && "postgres".equals(configuration.getDatabaseType())) {
            configuration.getSqlSessionFactory().getConfiguration().addInterceptor(new UnnamedQueries());
        }
    }

    /** A query with the current user's authorization checks in its SQL. */
    static boolean checksAuthorizations(Object parameter) {
        return parameter instanceof ListQueryParameterObject query && query.getAuthCheck() != null
                && query.getAuthCheck().isAuthorizationCheckEnabled();
    }

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static final class UnnamedQueries implements Interceptor {

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            return PostgresPlans.withValues((Statement) invocation.proceed());
        }

        /**
         * Only the statement handlers of such queries get the proxy; MyBatis offers every executor, parameter,
         * result set and statement handler it makes, and a proxy costs a reflective call per method on each.
         */
        @Override
        public Object plugin(Object target) {
            return target instanceof StatementHandler handler
                    && checksAuthorizations(handler.getParameterHandler().getParameterObject())
                    ? Plugin.wrap(target, this) : target;
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }
}
