package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The texts the engine writes for many task queries, run as the engine wrote them and as {@link TaskPageSemiJoin} and
 * {@link TaskCountGrantJoin} rewrite them, over the same database and values: each rewritten page holds the same tasks
 * in the same order, and each rewritten count counts the same tasks. The queries are those of people with their
 * groups and grants (candidates' queues, or-queries, variable criteria, assigned tasks included, involved people,
 * sorts by several columns, by a variable and by name ignoring case; tasks seen through a grant on their process
 * definition, and one revoked), written by the engine's own statements with
 * its authorization and tenant checks; the rewrites are the plugins' functions, so this runs on H2 as well as on
 * PostgreSQL. A shape a plugin leaves alone is only run once; the test also checks that the shapes it is written for
 * were rewritten.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TaskQueryRewritesEquivalenceTest {

    private static final String PROCESS = "rewriteProbe";
    private static final String TEAM = "rewrite-team";
    private static final String OTHERS = "rewrite-others";
    private static final List<String> PEOPLE = List.of("rwmary", "rwliam", "rwnina");

    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;

    String deployment;
    List<String> tasks;
    final Set<String> grants = new LinkedHashSet<>();

    @BeforeEach
    void eightTasks() {
        deployment = repositoryService.createDeployment().addModelInstance(PROCESS + ".bpmn",
                Bpmn.createExecutableProcess(PROCESS).camundaHistoryTimeToLive(1).startEvent()
                        .userTask("probe").camundaCandidateGroups(TEAM).endEvent().done()).deploy().getId();
        for (int i = 0; i < 8; i++) {
            runtimeService.startProcessInstanceByKey(PROCESS, Map.of("kind", i % 2 == 0 ? "even" : "odd"));
        }
        tasks = taskService.createTaskQuery().processDefinitionKey(PROCESS).orderByTaskId().asc().list().stream()
                .map(Task::getId).toList();
        for (String user : PEOPLE) {
            User person = identityService.newUser(user);
            person.setPassword("demo");
            identityService.saveUser(person);
        }
        identityService.saveGroup(identityService.newGroup(TEAM));
        identityService.saveGroup(identityService.newGroup(OTHERS));
        identityService.createMembership("rwmary", TEAM);
        identityService.createMembership("rwmary", OTHERS);
        for (int i = 0; i < 8; i++) {
            taskService.setPriority(tasks.get(i), 10 * (i % 3));
            taskService.setVariableLocal(tasks.get(i), "slot", i);
        }
        // linked to mary twice or three times, assigned, linked to others only, involving liam
        taskService.addCandidateGroup(tasks.get(1), OTHERS);
        taskService.addCandidateUser(tasks.get(2), "rwmary");
        taskService.addCandidateGroup(tasks.get(2), OTHERS);
        taskService.setAssignee(tasks.get(3), "rwmary");
        taskService.deleteCandidateGroup(tasks.get(4), TEAM);
        taskService.addCandidateGroup(tasks.get(4), OTHERS);
        taskService.addCandidateUser(tasks.get(5), "rwliam");
        grant("rwliam", tasks.get(6));
        // nina: every task of the process through a grant on its definition, but one task revoked from her
        Authorization definition = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        definition.setUserId("rwnina");
        definition.setResource(Resources.PROCESS_DEFINITION);
        definition.setResourceId(PROCESS);
        definition.addPermission(Permissions.READ_TASK);
        grants.add(authorizationService.saveAuthorization(definition).getId());
        Authorization revoke = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_REVOKE);
        revoke.setUserId("rwnina");
        revoke.setResource(Resources.TASK);
        revoke.setResourceId(tasks.get(7));
        revoke.removePermission(Permissions.READ);
        grants.add(authorizationService.saveAuthorization(revoke).getId());
        grants.addAll(authorizationService.createAuthorizationQuery().groupIdIn(TEAM, OTHERS).list().stream()
                .map(Authorization::getId).toList());
        grants.addAll(authorizationService.createAuthorizationQuery().userIdIn(PEOPLE.toArray(String[]::new)).list()
                .stream().map(Authorization::getId).toList());
    }

    @AfterEach
    void removeThem() {
        grants.forEach(authorizationService::deleteAuthorization);
        repositoryService.deleteDeployment(deployment, true);
        PEOPLE.forEach(identityService::deleteUser);
        identityService.deleteGroup(TEAM);
        identityService.deleteGroup(OTHERS);
    }

    @Test
    void rewrittenPagesAndCountsHoldWhatTheEnginesTextsHold() {
        Map<String, Consumer<TaskQuery>> queries = new LinkedHashMap<>();
        queries.put("candidate user, by priority and id", q -> sorted(q.taskCandidateUser("rwmary")));
        queries.put("candidate user, newest first", q -> q.taskCandidateUser("rwmary").orderByTaskCreateTime().desc()
                .orderByTaskId().asc());
        queries.put("candidate group", q -> sorted(q.taskCandidateGroup(OTHERS)));
        queries.put("candidate groups", q -> sorted(q.taskCandidateGroupIn(List.of(TEAM, OTHERS))));
        queries.put("candidate user, assigned included", q -> sorted(q.taskCandidateUser("rwmary")
                .includeAssignedTasks()));
        queries.put("candidate user and a variable", q -> sorted(q.taskCandidateUser("rwmary")
                .processVariableValueEquals("kind", "even")));
        queries.put("candidate user and a task variable", q -> sorted(q.taskCandidateUser("rwmary")
                .taskVariableValueGreaterThan("slot", 2)));
        queries.put("or-query with candidates", q -> sorted(q.or().taskCandidateUser("rwmary").taskAssignee("rwliam")
                .endOr()));
        queries.put("with candidate groups", q -> sorted(q.withCandidateGroups()));
        queries.put("involved user", q -> sorted(q.taskInvolvedUser("rwliam")));
        queries.put("sorted by a variable", q -> q.taskCandidateUser("rwmary")
                .orderByTaskVariable("slot", ValueType.INTEGER).desc());
        queries.put("sorted by name ignoring case", q -> q.taskCandidateUser("rwmary").orderByTaskNameCaseInsensitive()
                .asc().orderByTaskId().asc());
        queries.put("no candidate criteria", TaskQueryRewritesEquivalenceTest::sorted);
        queries.put("the process's tasks", q -> sorted(q.processDefinitionKey(PROCESS)));

        Set<String> pagesRewritten = new TreeSet<>();
        Set<String> countsRewritten = new TreeSet<>();
        Set<String> countsRewrittenOf = new TreeSet<>();
        Set<String> pagesRewrittenOf = new TreeSet<>();
        for (String person : PEOPLE) {
            for (Map.Entry<String, Consumer<TaskQuery>> query : queries.entrySet()) {
                Ran ran = run(person, query.getValue());
                String what = person + ": " + query.getKey();
                assertThat(ran.count()).as(what + " count").isEqualTo(ran.page().size());
                if (ran.rewrittenPage() != null) {
                    pagesRewritten.add(query.getKey());
                    pagesRewrittenOf.add(person);
                    assertThat(ran.rewrittenPage()).as(what + " page").isEqualTo(ran.page());
                }
                if (ran.rewrittenCount() != null) {
                    countsRewritten.add(query.getKey());
                    countsRewrittenOf.add(person);
                    assertThat(ran.rewrittenCount()).as(what + " count").isEqualTo(ran.count());
                }
            }
        }
        // mary's queue: every task but the one assigned to her (task 2 is linked to her three times)
        assertThat(run("rwmary", q -> sorted(q.taskCandidateUser("rwmary"))).page())
                .containsExactlyInAnyOrderElementsOf(tasks.stream().filter(task -> !task.equals(tasks.get(3))).toList());
        // nina: the definition's grant shows her every task of the process but the one revoked from her
        assertThat(run("rwnina", q -> sorted(q.processDefinitionKey(PROCESS))).page())
                .containsExactlyInAnyOrderElementsOf(tasks.subList(0, 7));
        // the pages of candidates' queues ran rewritten, the others as the engine wrote them; every count did, but
        // those checking a person's revokes (nina's), which TaskCountGrantJoin leaves as the engine wrote them
        assertThat(pagesRewritten).containsAll(queries.keySet().stream().limit(8).toList())
                .doesNotContain("involved user", "sorted by a variable", "sorted by name ignoring case",
                        "no candidate criteria");
        assertThat(countsRewritten).containsExactlyInAnyOrderElementsOf(queries.keySet());
        assertThat(countsRewrittenOf).containsExactly("rwliam", "rwmary");
        assertThat(pagesRewrittenOf).containsExactly("rwliam", "rwmary", "rwnina");
    }

    private static void sorted(TaskQuery query) {
        query.orderByTaskPriority().desc().orderByTaskId().asc();
    }

    private Ran run(String person, Consumer<TaskQuery> build) {
        List<String> groups = identityService.createGroupQuery().groupMember(person).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        identityService.setAuthentication(person, groups);
        try {
            return engine.getCommandExecutorTxRequired().execute(context -> {
                ProbeQuery query = new ProbeQuery();
                build.accept(query);
                query.prepare(context);
                query.setFirstResult(0);
                query.setMaxResults(50);
                return new Ran(context, query);
            });
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** A task query run as the engine's statements write it, and as the two plugins rewrite those texts. */
    private final class Ran {

        private final List<String> page;
        private final List<String> rewrittenPage;
        private final long count;
        private final Long rewrittenCount;

        Ran(CommandContext context, ProbeQuery query) {
            org.apache.ibatis.session.Configuration mybatis = engine.getSqlSessionFactory().getConfiguration();
            Connection connection = context.getDbSqlSession().getSqlSession().getConnection();
            MappedStatement pages = mybatis.getMappedStatement(TaskPageSemiJoin.ENGINE_STATEMENT);
            BoundSql page = pages.getBoundSql(query);
            this.page = ids(connection, pages, query, page, page.getSql(), page.getParameterMappings());
            String semiJoin = TaskPageSemiJoin.rewrite(page.getSql());
            this.rewrittenPage = semiJoin == null ? null
                    : ids(connection, pages, query, page, semiJoin, page.getParameterMappings());

            MappedStatement counts = mybatis.getMappedStatement(TaskCountGrantJoin.ENGINE_STATEMENT);
            BoundSql count = counts.getBoundSql(query);
            this.count = Long.parseLong(ids(connection, counts, query, count, count.getSql(),
                    count.getParameterMappings()).get(0));
            TaskCountGrantJoin.Rewrite grantJoin = TaskCountGrantJoin.Rewrite.of(count.getSql());
            this.rewrittenCount = grantJoin == null ? null : Long.parseLong(ids(connection, counts, query, count,
                    grantJoin.sql(), grantJoin.parameterMappings(count.getParameterMappings())).get(0));
        }

        List<String> page() {
            return page;
        }

        List<String> rewrittenPage() {
            return rewrittenPage;
        }

        long count() {
            return count;
        }

        Long rewrittenCount() {
            return rewrittenCount;
        }

        /** The first column of every row of this text, its values bound by MyBatis as the engine's would be. */
        private List<String> ids(Connection connection, MappedStatement statement, ProbeQuery query, BoundSql engineText,
                                 String sql, List<ParameterMapping> parameters) {
            BoundSql bound = new BoundSql(statement.getConfiguration(), sql, parameters, query);
            parameters.stream().map(ParameterMapping::getProperty).filter(engineText::hasAdditionalParameter).distinct()
                    .forEach(name -> bound.setAdditionalParameter(name, engineText.getAdditionalParameter(name)));
            try (PreparedStatement prepared = connection.prepareStatement(sql)) {
                new DefaultParameterHandler(statement, query, bound).setParameters(prepared);
                List<String> rows = new ArrayList<>();
                try (ResultSet result = prepared.executeQuery()) {
                    while (result.next()) {
                        rows.add(statement.getId().contains("Count") ? Long.toString(result.getLong(1))
                                : result.getString("ID_"));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException(sql, e);
            }
        }
    }

    private void grant(String user, String taskId) {
        Authorization authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setUserId(user);
        authorization.setResource(Resources.TASK);
        authorization.setResourceId(taskId);
        authorization.addPermission(Permissions.READ);
        grants.add(authorizationService.saveAuthorization(authorization).getId());
    }

    /** A task query prepared as the engine prepares one before it writes its statements. */
    static final class ProbeQuery extends TaskQueryImpl {

        void prepare(CommandContext context) {
            ensureOrExpressionsEvaluated();
            ensureVariablesInitialized();
            decideAuthorizationJoinType(context);
            context.getAuthorizationManager().configureTaskQuery(this);
            context.getTenantManager().configureQuery(this);
        }
    }
}
