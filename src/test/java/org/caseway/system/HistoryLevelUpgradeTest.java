package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 7, the upgrade: a database created before the "caseway" history level (at the starter's default,
 * "full") starts with the new level instead of the engine's "historyLevel mismatch", says so once in the log,
 * and its running case carries on. Caseway is started three times on one database, in this JVM: at "full" (as
 * every installation so far), then twice as configured. On the H2 file database of the embedded run, or on a
 * fresh PostgreSQL database when the suite runs there (TestDatabase).
 */
@ExtendWith(OutputCaptureExtension.class)
class HistoryLevelUpgradeTest {

    private static final String CHANGED = "history level changed from full to caseway";

    @TempDir
    Path dataDir;

    /** The PostgreSQL database of the three starts when the suite runs on PostgreSQL, else null (H2 file). */
    private String database;

    @AfterEach
    void dropDatabase() {
        if (database != null) {
            TestDatabase.drop(database);
        }
    }

    @Test
    void databaseCreatedAtFullStartsAtCasewayLevel(CapturedOutput logs) {
        database = TestDatabase.postgres() ? TestDatabase.create() : null;
        String caseNumber;
        try (ConfigurableApplicationContext full = start("--camunda.bpm.history-level=full")) {
            assertThat(full.getBean(ManagementService.class).getHistoryLevel()).isEqualTo(3);
            RestClient api = api(full);
            caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        }
        assertThat(logs.getAll()).doesNotContain(CHANGED);

        try (ConfigurableApplicationContext upgraded = start()) {
            ManagementService management = upgraded.getBean(ManagementService.class);
            assertThat(management.getHistoryLevel()).isEqualTo(CasewayHistoryLevel.ID);
            assertThat(management.getProperties()).containsEntry("historyLevel", Integer.toString(CasewayHistoryLevel.ID));
            // the case opened at "full" carries on, and its completion is in the user operation log
            RestClient api = api(upgraded);
            String intake = api.taskId("mary", caseNumber, "intake");
            api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
            assertThat(upgraded.getBean(HistoryService.class).createUserOperationLogQuery().taskId(intake)
                    .operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE).userId("mary").count()).isOne();
        }

        try (ConfigurableApplicationContext again = start()) {
            assertThat(again.getBean(ManagementService.class).getHistoryLevel()).isEqualTo(CasewayHistoryLevel.ID);
        }
        assertThat(logs.getAll().split(CHANGED, -1)).as("times the change was logged").hasSize(2);
    }

    /** Caseway with the demo users on this test's database, on a free port, without job executor. */
    private ConfigurableApplicationContext start(String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--caseway.data-dir=" + dataDir,
                "--camunda.bpm.job-execution.enabled=false"));
        if (database == null) {
            args.add("--spring.profiles.active=demo");
            args.add("--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("caseway") + ";DB_CLOSE_ON_EXIT=FALSE");
        } else {
            args.add("--spring.profiles.active=postgres,demo");
            args.addAll(TestDatabase.childArguments(database));
        }
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(CasewayApplication.class).run(args.toArray(String[]::new));
    }

    private static RestClient api(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return new RestClient(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
    }
}
