package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.ibatis.session.SqlSession;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The engine asks for the groups that have authorizations through Caseway's indexed statement, which finds exactly
 * the groups the engine's own statement finds, including the first and last in index order and groups whose names
 * sort between others'. On H2 and, with -Ppostgres, PostgreSQL. Shares the context of the other REST tests and
 * removes the authorizations it adds.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AuthorizedGroupIdsByIndexTest {

    @Autowired
    ProcessEngine engine;

    private final List<String> added = new ArrayList<>();

    @AfterEach
    void removeAdded() {
        AuthorizationService authorizations = engine.getAuthorizationService();
        added.forEach(authorizations::deleteAuthorization);
    }

    @Test
    void theEngineUsesTheIndexedStatement() {
        assertThat(configuration().getDbSqlSessionFactory().mapStatement(AuthorizedGroupIdsByIndex.ENGINE_STATEMENT))
                .isEqualTo(AuthorizedGroupIdsByIndex.STATEMENT);
    }

    @Test
    void itFindsTheSameGroupsAsTheEnginesStatement() {
        // groups before, between and after the demo teams in index order, each with several authorizations
        for (String group : List.of("!first", "AAA", "intake-team-x", "intake-team-x ", "zzz-last", "\u00e9quipe")) {
            for (String task : List.of("task-1", "task-2", "task-3")) {
                grant(group, task);
            }
        }

        Set<String> engines = groups("selectAuthorizedGroupIds");
        Set<String> ours = groups(AuthorizedGroupIdsByIndex.STATEMENT);

        assertThat(ours).contains("!first", "AAA", "intake-team-x", "intake-team-x ", "zzz-last", "\u00e9quipe");
        assertThat(ours).hasSizeGreaterThan(6).isEqualTo(engines);
    }

    @Test
    void aGroupWhoseLastAuthorizationIsRemovedIsNoLongerFound() {
        grant("zz-temporary", "task-1");
        assertThat(groups(AuthorizedGroupIdsByIndex.STATEMENT)).contains("zz-temporary");

        removeAdded();
        added.clear();

        assertThat(groups(AuthorizedGroupIdsByIndex.STATEMENT)).doesNotContain("zz-temporary")
                .isEqualTo(groups("selectAuthorizedGroupIds"));
    }

    private void grant(String group, String taskId) {
        AuthorizationService authorizations = engine.getAuthorizationService();
        Authorization grant = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setGroupId(group);
        grant.setResource(Resources.TASK);
        grant.setResourceId(taskId);
        grant.addPermission(Permissions.READ);
        added.add(authorizations.saveAuthorization(grant).getId());
    }

    /** The statement's groups without the engine's NULL (authorizations of single users), read directly. */
    private Set<String> groups(String statement) {
        try (SqlSession session = configuration().getSqlSessionFactory().openSession()) {
            Set<String> groups = new HashSet<>(session.<String>selectList(statement));
            groups.removeIf(Objects::isNull);
            return groups;
        }
    }

    private ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }
}
