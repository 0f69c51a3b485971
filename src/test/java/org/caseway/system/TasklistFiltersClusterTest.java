package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
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
 * person still gets one "My tasks", and two refreshes of "Due today" and "Overdue" both succeed.
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
    void twoNodesSettingUpTheSamePersonCreateOneMyTasksFilter() throws Exception {
        for (int i = 0; i < PEOPLE; i++) {
            String person = "clustercm" + i;
            identityService.saveUser(identityService.newUser(person));
            people.add(person);
        }

        for (String person : people) {
            onTwoNodesAtOnce(() -> filters.ensurePersonalFilter(person));
        }

        for (String person : people) {
            assertThat(filterService.createTaskFilterQuery().filterName(TasklistFilters.MY_TASKS).filterOwner(person)
                    .count()).as("My tasks of %s", person).isEqualTo(1);
        }
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
