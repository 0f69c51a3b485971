package org.caseway.system;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.builder.SqlSourceBuilder;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.SqlSource;
import org.apache.ibatis.ognl.ObjectPropertyAccessor;
import org.apache.ibatis.ognl.OgnlContext;
import org.apache.ibatis.ognl.OgnlException;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.scripting.xmltags.DynamicContext;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.SqlNode;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Two things MyBatis works out anew for every statement the engine runs, kept instead.
 *
 * <p>The engine's statements are MyBatis dynamic SQL. At every call MyBatis writes the statement's text from its XML
 * (the conditions, and loops over the user's groups and the permission checks of an authorization check), then
 * <b>parses that text</b>: it finds each {@code #{...}} parameter, looks up its Java type by reflection, picks its type
 * handler and puts a {@code ?} in its place. For one text, parameter type and types of the values bound while writing
 * it, that parse gives the same SQL and parameter mappings every time. They are kept per text ({@link CachedParse}),
 * so a text seen before is not parsed again; the writing, the parameter values and everything after stay MyBatis's.
 * At most {@link #MAX_TEXTS} texts are kept per engine, beyond that a new text is parsed as MyBatis does: a text holds
 * no parameter values, so their number is the number of statement shapes the engine runs. MyBatis offers no way to
 * change a mapped statement's SQL source: it is set by reflection once the engine is built.
 *
 * <p>While writing a text MyBatis evaluates the XML's conditions with OGNL, which finds the <b>method behind a
 * property</b> such as {@code authCheck.shouldPerformAuthorizatioCheck} (no getter by JavaBean rules) by going through
 * all public methods of the class at every evaluation. {@link CachedReadMethods} keeps that method per class and
 * name; which method is found, the access check and the call are OGNL's. OGNL's property accessors are global to the
 * JVM: the accessor is registered once, before the engine runs its first statement.
 */
@Component
class DynamicSqlCaches extends AbstractProcessEnginePlugin {

    static final int MAX_TEXTS = 4096;

    private static final Field SQL_SOURCE = PrivateFields.of(MappedStatement.class, "sqlSource");
    private static final Field ROOT_SQL_NODE = PrivateFields.of(DynamicSqlSource.class, "rootSqlNode");

    private final CasewayProperties properties;

    DynamicSqlCaches(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (properties.engine().dynamicSqlCaches()) {
            CachedReadMethods.register();
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        if (!properties.engine().dynamicSqlCaches()) {
            return;
        }
        Configuration mybatis = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getSqlSessionFactory().getConfiguration();
        Map<Key, Parsed> parsed = new ConcurrentHashMap<>();
        // a statement is registered under its full and its short name: each once
        Set<MappedStatement> statements = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Object statement : mybatis.getMappedStatements()) {
            if (statement instanceof MappedStatement mapped) {
                statements.add(mapped);
            }
        }
        for (MappedStatement statement : statements) {
            if (statement.getSqlSource() instanceof DynamicSqlSource dynamic) {
                PrivateFields.set(SQL_SOURCE, statement, new CachedParse(mybatis, root(dynamic), parsed));
            }
        }
    }

    /** The statement's XML, as MyBatis keeps it in a dynamic SQL source. */
    static SqlNode root(DynamicSqlSource source) {
        return (SqlNode) PrivateFields.get(ROOT_SQL_NODE, source);
    }

    /** A text as MyBatis wrote it, with the types its parse depends on. */
    record Key(String text, Class<?> parameterType, Map<String, Class<?>> boundTypes) {
    }

    /** What the parse of a text gave: the SQL sent to the database and its parameters, in order. */
    record Parsed(String sql, List<ParameterMapping> parameterMappings) {
    }

    /** MyBatis's {@link DynamicSqlSource}, with the parse of each text kept. */
    static final class CachedParse implements SqlSource {

        private final Configuration configuration;
        private final SqlNode root;
        private final Map<Key, Parsed> parsed;

        CachedParse(Configuration configuration, SqlNode root, Map<Key, Parsed> parsed) {
            this.configuration = configuration;
            this.root = root;
            this.parsed = parsed;
        }

        @Override
        public BoundSql getBoundSql(Object parameterObject) {
            DynamicContext context = new DynamicContext(configuration, parameterObject);
            root.apply(context);
            Map<String, Object> bindings = context.getBindings();
            Class<?> parameterType = parameterObject == null ? Object.class : parameterObject.getClass();
            String text = context.getSql();
            Key key = new Key(text, parameterType, types(bindings));
            Parsed sql = parsed.get(key);
            if (sql == null) {
                BoundSql bound = new SqlSourceBuilder(configuration).parse(text, parameterType, bindings)
                        .getBoundSql(parameterObject);
                sql = new Parsed(bound.getSql(), List.copyOf(bound.getParameterMappings()));
                if (parsed.size() < MAX_TEXTS) {
                    parsed.putIfAbsent(key, sql);
                }
            }
            BoundSql bound = new BoundSql(configuration, sql.sql(), sql.parameterMappings(), parameterObject);
            bindings.forEach(bound::setAdditionalParameter);
            return bound;
        }

        /** The statement's XML, as MyBatis keeps it. */
        SqlNode root() {
            return root;
        }

        /** The parse looks up a parameter's type on the bound value it names (null: Object). */
        private static Map<String, Class<?>> types(Map<String, Object> bindings) {
            Map<String, Class<?>> types = new HashMap<>(bindings.size() * 2);
            bindings.forEach((name, value) -> types.put(name, value == null ? Void.class : value.getClass()));
            return types;
        }
    }

    /**
     * OGNL's accessor for plain objects, with the method of each class and property name kept. OGNL itself keeps the
     * getters it finds by JavaBean rules but looks for any other read method anew each time; which method it finds
     * ({@link OgnlRuntime#getGetMethod}, then {@link OgnlRuntime#getReadMethod}) depends only on the class and name.
     */
    static final class CachedReadMethods extends ObjectPropertyAccessor {

        private static final Object[] NO_ARGUMENTS = new Object[0];

        private final ClassValue<Map<String, Optional<Method>>> methods = new ClassValue<>() {
            @Override
            protected Map<String, Optional<Method>> computeValue(Class<?> type) {
                return new ConcurrentHashMap<>();
            }
        };

        static synchronized void register() {
            try {
                if (!(OgnlRuntime.getPropertyAccessor(Object.class) instanceof CachedReadMethods)) {
                    OgnlRuntime.setPropertyAccessor(Object.class, new CachedReadMethods());
                }
            } catch (OgnlException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The method OGNL calls for this property: its getter by JavaBean rules, else one named like it. */
        private static Method readMethod(Class<?> type, String property) {
            Method getter = OgnlRuntime.getGetMethod(type, property);
            return getter != null ? getter : OgnlRuntime.getReadMethod(type, property, null);
        }

        @Override
        public Object getPossibleProperty(OgnlContext context, Object target, String name) throws OgnlException {
            if (target == null) {
                return super.getPossibleProperty(context, target, name);
            }
            Class<?> type = target.getClass();
            Method method = methods.get(type)
                    .computeIfAbsent(name, property -> Optional.ofNullable(readMethod(type, property))).orElse(null);
            if (method == null || !context.getMemberAccess().isAccessible(context, target, method, name)) {
                // no such method, or one OGNL may not call: OGNL's own way (a field, or not found)
                return super.getPossibleProperty(context, target, name);
            }
            try {
                return OgnlRuntime.invokeMethod(target, method, NO_ARGUMENTS);
            } catch (InvocationTargetException e) {
                throw new OgnlException(name, e.getTargetException());
            } catch (IllegalAccessException e) {
                throw new OgnlException(name, e);
            }
        }
    }
}
