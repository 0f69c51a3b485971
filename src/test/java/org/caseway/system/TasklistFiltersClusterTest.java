package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every node keeps Tasklist's filters on its own schedule. Two threads, each with its own transaction and
 * connection like two nodes on one database, start the same filter work at the same moment (a barrier): a
 * person still gets one "My tasks" and one "My groups' unassigned tasks", and two refreshes of "Due today" and "Overdue" both succeed.
 */
@SpringBootTest(classes = CasewayApplication.class)
@ActiveProfiles({"demo", "test"})
class TasklistFiltersClusterTest {

    private static final int PEOPLE = 8;
    private static final int ROUNDS = 8;

    @Autowired
    TasklistFilters filters;
    @Autowired
    FilterService filterService;
    @Autowired
    IdentityService identityService;
    @Autowired
    TaskService taskService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    EngineAccess access;

    private final List<String> people = new ArrayList<>();

    @AfterEach
    void removePeople() {
        for (String person : people) {
            filterService.createTaskFilterQuery().filterOwner(person).list()
                    .forEach(filter -> filterService.deleteFilter(filter.getId()));
            identityService.deleteUser(person);
        }
    }

    @Test
    void twoNodesSettingUpTheSamePersonCreateOneOfEachPersonalFilter() throws Exception {
        for (int i = 0; i < PEOPLE; i++) {
            String person = "clustercm" + i;
            identityService.saveUser(identityService.newUser(person));
            people.add(person);
        }

        for (String person : people) {
            onTwoNodesAtOnce(() -> filters.ensurePersonalFilter(person));
        }

        for (String person : people) {
            for (String name : List.of(TasklistFilters.MY_TASKS, TasklistFilters.MY_GROUPS_UNASSIGNED)) {
                assertThat(filterService.createTaskFilterQuery().filterName(name).filterOwner(person).count())
                        .as("%s of %s", name, person).isEqualTo(1);
            }
        }
    }

    @Test
    void theSharedGroupQueueOfEarlierReleasesGivesWayToEachPersonsOwn() {
        // Given: the one "My groups' unassigned tasks" of all case workers that earlier builds created
        Filter old = filterService.newTaskFilter(TasklistFilters.MY_GROUPS_UNASSIGNED)
                .setQuery(taskService.createTaskQuery().taskUnassigned());
        filterService.saveFilter(old);
        access.grantGroup(Roles.CASE_MANAGERS, Resources.FILTER, old.getId(), Permissions.READ);

        // When: a node starts
        filters.ensureSharedFilters();

        // Then: it is gone with its grant, and each case worker keeps their own
        assertThat(filterService.getFilter(old.getId())).isNull();
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER)
                .resourceId(old.getId()).count()).isZero();
        assertThat(filterService.createTaskFilterQuery().filterName(TasklistFilters.MY_GROUPS_UNASSIGNED).list())
                .isNotEmpty().allSatisfy(filter -> assertThat(filter.getOwner()).isNotNull());
        assertThat(filterService.createTaskFilterQuery().filterName(TasklistFilters.MY_GROUPS_UNASSIGNED)
                .filterOwner("liam").count()).isOne();
    }

    @Test
    void twoNodesRefreshingTheDateFiltersAtOnceBothSucceed() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            onTwoNodesAtOnce(filters::refreshDateFilters);
        }

        for (String name : List.of(TasklistFilters.DUE_TODAY, TasklistFilters.OVERDUE)) {
            List<Filter> shared = filterService.createTaskFilterQuery().filterName(name).list().stream()
                    .filter(filter -> filter.getOwner() == null).toList();
            assertThat(shared).as(name).hasSize(1);
        }
    }

    /** Runs {@code work} in two threads released together; fails with the first thread's exception. */
    private static void onTwoNodesAtOnce(Runnable work) throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                runs.add(nodes.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    work.run();
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }
    }
}
