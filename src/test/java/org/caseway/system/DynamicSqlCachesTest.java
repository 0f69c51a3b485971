package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.builder.BuilderException;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.ognl.OgnlRuntime;
import org.apache.ibatis.reflection.MetaObject;
import org.apache.ibatis.scripting.xmltags.DynamicSqlSource;
import org.apache.ibatis.scripting.xmltags.OgnlCache;
import org.apache.ibatis.scripting.xmltags.XMLLanguageDriver;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.AuthorizationCheck;
import org.camunda.bpm.engine.impl.db.PermissionCheckBuilder;
import org.caseway.CasewayApplication;
import org.caseway.system.DynamicSqlCaches.CachedParse;
import org.caseway.system.DynamicSqlCaches.CachedReadMethods;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine's dynamic statements give the same SQL and parameters with {@link DynamicSqlCaches} as MyBatis gives
 * without it, for texts seen before and for new ones, and OGNL reads the same properties through the kept methods.
 * Shares the context of the other REST tests; on H2 and, with -Ppostgres, PostgreSQL (the statements differ).
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class DynamicSqlCachesTest {

    private static final String AUTHORIZATION_CHECK = "isUserAuthorizedForResource";

    @Autowired
    ProcessEngine engine;

    @Test
    void everyDynamicStatementOfTheEngineKeepsItsParses() {
        List<MappedStatement> statements = statements();

        assertThat(statements).filteredOn(s -> s.getSqlSource() instanceof CachedParse).hasSizeGreaterThan(100);
        assertThat(statements).noneMatch(s -> s.getSqlSource() instanceof DynamicSqlSource);
    }

    @Test
    void anAuthorizationCheckSeenBeforeReusesItsParseAndGivesWhatMyBatisGives() {
        AuthorizationCheck check = check("mary", List.of("intake", "caseworkers"), "task-1");

        BoundSql first = cached(AUTHORIZATION_CHECK).getBoundSql(check);
        BoundSql again = cached(AUTHORIZATION_CHECK).getBoundSql(check("mary", List.of("intake", "caseworkers"), "task-2"));

        assertThat(again.getSql()).isSameAs(first.getSql());
        assertSameAsMyBatis(AUTHORIZATION_CHECK, check("mary", List.of("intake", "caseworkers"), "task-2"), again);
        assertThat(values(again)).contains("mary", "intake", "caseworkers", "task-2").doesNotContain("task-1");
    }

    @Test
    void anotherShapeOfTheSameStatementGetsItsOwnParse() {
        cached(AUTHORIZATION_CHECK).getBoundSql(check("mary", List.of("intake", "caseworkers"), "task-1"));

        for (List<String> groups : List.of(List.of("intake"), List.of("a", "b", "c"), List.<String>of())) {
            AuthorizationCheck check = check("liam", groups, "task-3");
            BoundSql bound = cached(AUTHORIZATION_CHECK).getBoundSql(check);

            assertSameAsMyBatis(AUTHORIZATION_CHECK, check, bound);
            assertThat(values(bound)).containsAll(groups);
        }
    }

    @Test
    void aQueryWithListsAndAnOrderGivesWhatMyBatisGives() {
        var query = engine.getTaskService().createTaskQuery().taskCandidateGroupIn(List.of("intake", "supervisors"))
                .taskNameLike("%x%").orderByTaskCreateTime().desc();
        String statement = "selectTaskByQueryCriteria";

        cached(statement).getBoundSql(query);
        BoundSql again = cached(statement).getBoundSql(query);

        assertSameAsMyBatis(statement, query, again);
        assertThat(values(again)).contains("intake", "supervisors", "%x%");
    }

    @Test
    void theSameTextWithValuesOfAnotherTypeGetsTheTypeHandlersOfThatType() {
        DynamicSqlSource script = (DynamicSqlSource) new XMLLanguageDriver().createSqlSource(mybatis(),
                "<script>SELECT * FROM T WHERE ID IN <foreach collection=\"list\" item=\"id\" open=\"(\" separator=\",\""
                        + " close=\")\">#{id}</foreach></script>", Map.class);
        CachedParse cached = new CachedParse(mybatis(), DynamicSqlCaches.root(script), new ConcurrentHashMap<>());

        for (Object id : List.of(7L, "seven", 8L)) {
            Map<String, Object> parameter = Map.of("list", List.of(id));
            BoundSql bound = cached.getBoundSql(parameter);
            BoundSql mybatis = script.getBoundSql(parameter);

            assertThat(bound.getSql()).isEqualTo(mybatis.getSql());
            assertThat(describe(bound.getParameterMappings())).isEqualTo(describe(mybatis.getParameterMappings()))
                    .singleElement().asString().contains(id.getClass().getName());
        }
    }

    @Test
    void ognlReadsPropertiesWithoutAGetterThroughTheKeptMethodOfEachClass() throws Exception {
        assertThat(OgnlRuntime.getPropertyAccessor(Object.class)).isInstanceOf(CachedReadMethods.class);

        // the same class, two objects: the method is kept, never a value
        assertThat(OgnlCache.getValue("size()", new Counter(2))).isEqualTo(2);
        assertThat(OgnlCache.getValue("count", new Counter(3))).isEqualTo(3);
        assertThat(OgnlCache.getValue("count", new Counter(4))).isEqualTo(4);
        assertThat(OgnlCache.getValue("count > 3", new Counter(5))).isEqualTo(true);
        // another class with a property of the same name: its own method
        assertThat(OgnlCache.getValue("count", new Gauge(4))).isEqualTo(40);
        // a public field without any method, as OGNL reads it
        assertThat(OgnlCache.getValue("label", new Counter(1))).isEqualTo("counter");
        // an exception of the method reaches the caller as OGNL passes it on
        assertThatThrownBy(() -> OgnlCache.getValue("broken", new Counter(1)))
                .isInstanceOf(BuilderException.class).hasRootCauseMessage("broken on purpose");
    }

    /** Properties named like methods, not like getters. */
    public static final class Counter {
        public final String label = "counter";
        private final int count;

        Counter(int count) {
            this.count = count;
        }

        public int count() {
            return count;
        }

        public int size() {
            return count;
        }

        public boolean broken() {
            throw new IllegalStateException("broken on purpose");
        }
    }

    /** A property of the same name as {@link Counter}'s, read by another method. */
    public static final class Gauge {
        private final int count;

        Gauge(int count) {
            this.count = count;
        }

        public int count() {
            return count * 10;
        }
    }

    /** The check of "may this user work on this task", as the engine builds it (inside a command). */
    private AuthorizationCheck check(String user, List<String> groups, String taskId) {
        return configuration().getCommandExecutorTxRequired().execute(command -> {
            AuthorizationCheck check = new AuthorizationCheck(user, new ArrayList<>(groups), new PermissionCheckBuilder()
                    .disjunctive()
                    .atomicCheckForResourceId(Resources.TASK, taskId, TaskPermissions.TASK_WORK)
                    .atomicCheckForResourceId(Resources.TASK, taskId, TaskPermissions.UPDATE)
                    .atomicCheckForResourceId(Resources.PROCESS_DEFINITION, "case-management",
                            ProcessDefinitionPermissions.TASK_WORK)
                    .build(), false);
            check.setAuthorizationCheckEnabled(true);
            return check;
        });
    }

    private void assertSameAsMyBatis(String statement, Object parameter, BoundSql bound) {
        BoundSql mybatis = new DynamicSqlSource(mybatis(), cached(statement).root()).getBoundSql(parameter);
        assertThat(bound.getSql()).isEqualTo(mybatis.getSql());
        assertThat(describe(bound.getParameterMappings())).isEqualTo(describe(mybatis.getParameterMappings()));
        assertThat(values(bound)).isEqualTo(values(mybatis));
    }

    private static List<String> describe(List<ParameterMapping> mappings) {
        return mappings.stream().map(m -> m.getProperty() + ":" + m.getJavaType().getName() + ":" + m.getJdbcType()
                + ":" + m.getTypeHandler().getClass().getName() + ":" + m.getMode()).toList();
    }

    /** Each parameter's value, found as MyBatis's parameter handler finds it. */
    private List<Object> values(BoundSql bound) {
        MetaObject parameter = mybatis().newMetaObject(bound.getParameterObject());
        return bound.getParameterMappings().stream().map(ParameterMapping::getProperty)
                .map(property -> bound.hasAdditionalParameter(property) ? bound.getAdditionalParameter(property)
                        : parameter.getValue(property))
                .toList();
    }

    private CachedParse cached(String statement) {
        return (CachedParse) mybatis().getMappedStatement(statement).getSqlSource();
    }

    private List<MappedStatement> statements() {
        return mybatis().getMappedStatements().stream().filter(MappedStatement.class::isInstance)
                .map(MappedStatement.class::cast).distinct().toList();
    }

    private Configuration mybatis() {
        return configuration().getSqlSessionFactory().getConfiguration();
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }
}
