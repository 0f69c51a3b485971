package org.caseway.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;

/**
 * Caseway's replacements for single statements of the engine's MyBatis mappings, for the engine plugins that
 * make one engine query cheaper ({@link AuthorizedGroupIdsByIndex}, {@link JobAcquisitionSkipLocked},
 * {@link TaskCountGrantJoin}) or change what it selects ({@link OwnFiltersForAdministrators}). The
 * engine runs a statement under the name its database-specific statement mappings give it; a replacement is
 * registered in the engine's MyBatis configuration under a name of ours, and the mapping points the engine's name
 * at it. Called from a plugin's postInit, before the engine runs its first command.
 */
final class EngineStatements {

    private EngineStatements() {
    }

    /** Adds the statements of a MyBatis mapper file on the classpath (once; a second engine in the JVM reuses them). */
    static void addMapper(ProcessEngineConfigurationImpl engine, String resource, String anyStatementOfIt) {
        Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
        if (mybatis.hasStatement(anyStatementOfIt, false)) {
            return;
        }
        try (InputStream mapper = EngineStatements.class.getClassLoader().getResourceAsStream(resource)) {
            if (mapper == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            new XMLMapperBuilder(mapper, mybatis, resource, mybatis.getSqlFragments()).parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A statement's SQL as sent to the database and its parameters, in order. */
    record Sql(String text, List<ParameterMapping> parameterMappings) {
    }

    /**
     * Adds a copy of one of the engine's statements whose SQL, as MyBatis builds it for each call, is changed by
     * {@code sql}; parameters, result maps and everything else stay the engine's.
     */
    static void addDerived(ProcessEngineConfigurationImpl engine, String engineStatement, String id,
                           UnaryOperator<String> sql) {
        addRewritten(engine, engineStatement, id,
                original -> new Sql(sql.apply(original.text()), original.parameterMappings()));
    }

    /**
     * Adds a copy of one of the engine's statements whose SQL and parameter mappings, as MyBatis builds them for each
     * call, are changed by {@code sql} (which returns its argument to keep them). The copy builds them with the
     * engine statement's SQL source of the moment, so a source set once the engine is built ({@link DynamicSqlCaches})
     * serves it too.
     */
    static void addRewritten(ProcessEngineConfigurationImpl engine, String engineStatement, String id,
                             UnaryOperator<Sql> sql) {
        Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
        if (mybatis.hasStatement(id, false)) {
            return;
        }
        MappedStatement original = mybatis.getMappedStatement(engineStatement);
        SqlSource derivedSql = parameter -> {
            BoundSql bound = original.getSqlSource().getBoundSql(parameter);
            Sql engineSql = new Sql(bound.getSql(), bound.getParameterMappings());
            Sql changed = sql.apply(engineSql);
            if (changed == engineSql) {
                return bound;
            }
            BoundSql derived = new BoundSql(mybatis, changed.text(), changed.parameterMappings(),
                    bound.getParameterObject());
            bound.getAdditionalParameters().forEach(derived::setAdditionalParameter);
            return derived;
        };
        mybatis.addMappedStatement(new MappedStatement.Builder(mybatis, id, derivedSql, original.getSqlCommandType())
                .resource(original.getResource())
                .statementType(original.getStatementType())
                .parameterMap(original.getParameterMap())
                .resultMaps(original.getResultMaps())
                .resultSetType(original.getResultSetType())
                .fetchSize(original.getFetchSize())
                .timeout(original.getTimeout())
                .flushCacheRequired(original.isFlushCacheRequired())
                .useCache(original.isUseCache())
                .cache(original.getCache())
                .keyGenerator(original.getKeyGenerator())
                .databaseId(original.getDatabaseId())
                .lang(original.getLang())
                .build());
    }

    /**
     * From now on the engine runs, where it would run {@code engineStatement}, a copy of the statement this database
     * runs for it ({@link #addRewritten}) with its SQL and parameters changed by {@code sql}.
     */
    static void replaceWithRewritten(ProcessEngineConfigurationImpl engine, String engineStatement, String id,
                                     UnaryOperator<Sql> sql) {
        addRewritten(engine, engine.getDbSqlSessionFactory().mapStatement(engineStatement), id, sql);
        map(engine, engineStatement, id);
    }

    /** From now on the engine runs {@code replacement} where it would run {@code engineStatement}. */
    static void map(ProcessEngineConfigurationImpl engine, String engineStatement, String replacement) {
        // the engine's mappings for a database type are shared by all engines in the JVM: change a copy
        DbSqlSessionFactory sessions = engine.getDbSqlSessionFactory();
        Map<String, String> mappings = sessions.getStatementMappings() == null
                ? new HashMap<>() : new HashMap<>(sessions.getStatementMappings());
        mappings.put(engineStatement, replacement);
        sessions.setStatementMappings(mappings);
    }
}
