package org.caseway.system;

import static org.caseway.support.ChildJvm.classPath;
import static org.caseway.support.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpMethod;
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

    private Process running;
    /** The PostgreSQL database of all three starts when the suite runs on PostgreSQL, else null (H2 file). */
    private String database;

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor();
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
        running.destroyForcibly().waitFor();

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
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath(), CasewayApplication.class.getName(),
                "--server.port=" + port, "--caseway.data-dir=" + dataDir,
                "--spring.profiles.active=demo" + (database != null ? ",postgres" : ""), "--logging.level.root=WARN"));
        if (database != null) {
            command.addAll(TestDatabase.childArguments(database));
        }
        Path log = Files.createDirectories(Path.of("target", "restart-test"))
                .resolve("caseway-" + Instant.now().toEpochMilli() + ".log");
        running = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestRestTemplate rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(running.isAlive()).as("Caseway exited, see target/restart-test").isTrue();
            try {
                if (rest.getForEntity("/actuator/health", String.class).getStatusCode().is2xxSuccessful()) {
                    return new RestClient(rest);
                }
            } catch (RuntimeException notYetListening) {
                // still starting
            }
            Thread.onSpinWait();
            running.waitFor(Duration.ofMillis(500).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Caseway did not start within 120 s");
    }

    private void stopGracefully() throws InterruptedException {
        running.destroy();
        assertThat(running.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }


}
