package org.caseway.system;

import static org.caseway.support.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.caseway.support.CasewayProcess;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded default keeps everything across restarts: Caseway runs as a real process on the H2
 * file database, is stopped (gracefully, then killed), started again on the same folder, and the
 * cases and their running processes carry on. When the suite runs on PostgreSQL (TestDatabase), the
 * same restarts happen on one PostgreSQL database with the postgres profile (the second and third
 * start find the schema in place), and nothing is written to H2.
 */
class RestartDurabilityTest {

    @TempDir
    Path dataDir;

    private CasewayProcess running;
    /** The PostgreSQL database of all three starts when the suite runs on PostgreSQL, else null (H2 file). */
    private String database;

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
    void casesAndRunningProcessesSurviveAStopAndAKill() throws Exception {
        database = TestDatabase.postgres() ? TestDatabase.create() : null;
        int port = freePort();
        RestClient api = start(port);
        String caseNumber = api.openCase("mary", "HOME_HEALTH");
        api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        stopGracefully();

        api = start(port);
        JsonNode afterRestart = api.caseDetails("nina", caseNumber);
        assertThat(afterRestart.get("stage").asText()).isEqualTo("NEEDS_ASSESSMENT");
        assertThat(afterRestart.get("client").get("lastName").asText()).isEqualTo("Lopez");
        assertThat(afterRestart.get("openTasks").get(0).get("taskKey").asText()).isEqualTo("needsAssessment");
        api.complete("nina", caseNumber, "needsAssessment", Map.of("needHealth", "NEED", "needMentalHealth", "NO_NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NO_NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "LOW", "riskReason", "Stable at home"));
        String second = api.openCase("mary", "MEDICARE");
        running.kill();

        api = start(port);
        assertThat(api.caseDetails("nina", caseNumber).get("stage").asText()).isEqualTo("SERVICE_PLANNING");
        assertThat(api.caseDetails("nina", second).get("openTasks").get(0).get("taskKey").asText()).isEqualTo("intake");
        String next = api.openCase("mary", "PEDIATRIC");
        assertThat(next).isNotIn(caseNumber, second);
        List<String> files = Files.list(dataDir).map(p -> p.getFileName().toString()).toList();
        if (database == null) {
            assertThat(files).contains("caseway.mv.db");
        } else {
            assertThat(files).as("no H2 database beside PostgreSQL").doesNotContain("caseway.mv.db");
            JdbcClient db = JdbcClient.create(new DriverManagerDataSource(TestDatabase.url(database), TestDatabase.USER, ""));
            assertThat(db.sql("SELECT case_number FROM case_file ORDER BY id").query(String.class).list())
                    .containsExactly(caseNumber, second, next);
        }
    }

    private RestClient start(int port) throws IOException, InterruptedException {
        running = CasewayProcess.start(port, dataDir, database, Path.of("target", "restart-test"), List.of());
        return running.api();
    }

    private void stopGracefully() throws InterruptedException {
        running.stopGracefully();
    }
}
