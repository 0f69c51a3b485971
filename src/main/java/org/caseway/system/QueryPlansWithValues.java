package org.caseway.system;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Plugin;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.reflection.SystemMetaObject;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the engine's queries (Tasklist filters, task and history queries: statements named
 * {@code select...ByQueryCriteria...}) are planned with their values every time; the engine's own short lookups
 * and writes keep the plans PostgreSQL caches for them.
 *
 * <p>Those queries check authorizations with bit masks ({@code PERMS_ & ? = ?}). With the values, PostgreSQL
 * estimates them from the statistics Caseway keeps on ACT_RU_AUTHORIZATION (db/engine/postgres) and a filter of
 * 10,000 tasks answers in about 0.1 s. A prepared statement's generic plan, which PostgreSQL switches to after
 * five runs on a connection, cannot use those statistics and took 5 s. Setting {@code plan_cache_mode} for the
 * whole connection did the same for every statement, at about a tenth of a case's lifecycle throughput (README
 * "Performance"); this plugin tells the JDBC driver to send only these statements unnamed (prepare threshold 0),
 * which PostgreSQL plans with the values they carry.
 */
@Component
class QueryPlansWithValues extends AbstractProcessEnginePlugin {

    static final String QUERY_STATEMENTS = "ByQueryCriteria";

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

    static boolean isQuery(String statementId) {
        return statementId.contains(QUERY_STATEMENTS);
    }

    @Intercepts(@Signature(type = StatementHandler.class, method = "prepare", args = {Connection.class, Integer.class}))
    static final class UnnamedQueries implements Interceptor {

        @Override
        public Object intercept(Invocation invocation) throws Throwable {
            Statement statement = (Statement) invocation.proceed();
            MappedStatement mapped = mappedStatement(invocation.getTarget());
            if (mapped != null && isQuery(mapped.getId()) && statement.isWrapperFor(PGStatement.class)) {
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
            }
            return statement;
        }

        /** MyBatis's routing handler holds the handler that knows the statement. */
        private static MappedStatement mappedStatement(Object handler) {
            MetaObject meta = SystemMetaObject.forObject(handler);
            String path = meta.hasGetter("delegate") ? "delegate.mappedStatement" : "mappedStatement";
            return meta.hasGetter(path.split("\\.")[0]) ? (MappedStatement) meta.getValue(path) : null;
        }

        @Override
        public Object plugin(Object target) {
            return Plugin.wrap(target, this);
        }

        @Override
        public void setProperties(Properties properties) {
        }
    }
}
