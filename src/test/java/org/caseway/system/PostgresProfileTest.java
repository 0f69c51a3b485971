package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL is selected by configuration alone: the postgres profile on a fresh, empty database
 * (the engine and Flyway create every table) opens and works a case. Runs against the machine's
 * PostgreSQL at 127.0.0.1:5432 (CI has one); skipped where none answers, unless CI requires it.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ActiveProfiles({"postgres", "demo"})
class PostgresProfileTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "caseway_t_profile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    @DynamicPropertySource
    static void freshDatabase(DynamicPropertyRegistry registry) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CASEWAY_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL is required but does not answer at " + SERVER, e);
            }
            Assumptions.abort("No PostgreSQL at " + SERVER + ": " + e.getMessage());
        }
        registry.add("spring.datasource.url", () -> SERVER + DATABASE);
    }

    @AfterAll
    static void dropDatabase() {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            // the database stays for inspection; it has a unique name
        }
    }

    @Autowired
    TestRestTemplate rest;

    @Test
    void aCaseIsOpenedAndScreenedOnPostgres() {
        RestClient api = new RestClient(rest);

        String caseNumber = api.openCase("mary", "JUVENILE");
        api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));

        JsonNode details = api.caseDetails("john", caseNumber);
        assertThat(details.get("stage").asText()).isEqualTo("NEEDS_ASSESSMENT");
        assertThat(details.get("model").asText()).isEqualTo("BROKERAGE");
        JsonNode page = api.read(api.call("john", HttpMethod.GET, "/api/cases?stage=NEEDS_ASSESSMENT&caseType=JUVENILE", null));
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(api.call("mary", HttpMethod.POST, "/api/cases", "{\"caseType\": \"NOPE\"}").getStatusCode().value())
                .isEqualTo(400);
    }
}
