package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseway.support.ChildJvm.freePort;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caseway.support.CasewayProcess;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 7, the upgrade: a database created before the "caseway" history level (at the starter's default,
 * "full") starts with the new level instead of the engine's "historyLevel mismatch", says so once in the log,
 * and its running case carries on. Caseway runs as a real process (an engine started and closed inside the
 * test JVM would unregister the engine "default" the cached test contexts use), three times on one database:
 * at "full" (as every installation so far), then twice as configured. On the H2 file database of the embedded
 * run, or on a fresh PostgreSQL database when the suite runs there (TestDatabase).
 */
class HistoryLevelUpgradeTest {

    private static final String CHANGED = "history level changed from full to caseway";

    @TempDir
    Path dataDir;

    private CasewayProcess running;
    /** The PostgreSQL database of the three starts when the suite runs on PostgreSQL, else null (H2 file). */
    private String database;
    private final List<Path> logs = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null) {
            running.kill();
        }
        if (database != null) {
            TestDatabase.drop(database);
        }
    }

    @Test
    void databaseCreatedAtFullStartsAtCasewayLevel() throws Exception {
        database = TestDatabase.postgres() ? TestDatabase.create() : null;
        int port = freePort();

        RestClient api = start(port, "--camunda.bpm.history-level=full");
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        stopGracefully();
        assertThat(storedHistoryLevel()).as("created at full").isEqualTo("3");

        api = start(port);
        String intake = api.taskId("mary", caseNumber, "intake");
        api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        JsonNode completion = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/history/user-operation?taskId=" + intake + "&operationType=Complete&maxResults=10", null));
        assertThat(completion.findValuesAsText("userId")).as("completion of the case opened at full: %s", completion)
                .contains("mary");
        stopGracefully();
        assertThat(storedHistoryLevel()).isEqualTo(Integer.toString(CasewayHistoryLevel.ID));

        api = start(port);
        assertThat(api.caseDetails("mary", caseNumber).get("stage").asText()).isEqualTo("NEEDS_ASSESSMENT");
        stopGracefully();

        List<String> lines = new ArrayList<>();
        for (Path log : logs) {
            lines.addAll(Files.readAllLines(log));
        }
        assertThat(lines).filteredOn(line -> line.contains(CHANGED)).as("the change, logged once").hasSize(1);
        assertThat(lines).noneMatch(line -> line.contains("historyLevel mismatch"));
    }

    private String storedHistoryLevel() {
        DriverManagerDataSource dataSource = database == null
                ? new DriverManagerDataSource("jdbc:h2:file:" + dataDir.resolve("caseway"), "sa", "")
                : new DriverManagerDataSource(TestDatabase.url(database), TestDatabase.USER, "");
        return JdbcClient.create(dataSource).sql("SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'historyLevel'")
                .query(String.class).single();
    }

    private RestClient start(int port, String... extra) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("--camunda.bpm.job-execution.enabled=false",
                "--logging.level." + HistoryLevelUpgrade.class.getName() + "=INFO"));
        arguments.addAll(List.of(extra));
        running = CasewayProcess.start(port, dataDir, database, Path.of("target", "history-upgrade-test"), arguments);
        logs.add(running.log());
        return running.api();
    }

    private void stopGracefully() throws InterruptedException {
        running.stopGracefully();
    }
}
