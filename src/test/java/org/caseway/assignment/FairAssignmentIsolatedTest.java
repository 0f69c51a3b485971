package org.caseway.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.ActiveProfiles;

/**
 * 200 cases of mixed types opened through POST /api/cases and screened: every case gets a
 * qualified case manager of the routed team, nobody goes over the cap, and each team's weighted
 * loads stay within the largest single weight. Runs in its own JVM on its own database
 * (surefire execution "isolated") so the loads are only these cases'.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class FairAssignmentIsolatedTest {

    private static final Map<String, String> TEAM_OF = Map.ofEntries(
            Map.entry("MENTAL_HEALTH", "team-mental-health"), Map.entry("SUBSTANCE_ABUSE", "team-mental-health"),
            Map.entry("LEGAL", "team-mental-health"), Map.entry("CHILD", "team-youth"), Map.entry("JUVENILE", "team-youth"),
            Map.entry("ACADEMIC", "team-youth"), Map.entry("DEVELOPMENTAL_DISABILITIES", "team-youth"),
            Map.entry("MEDICARE", "team-health"), Map.entry("HOME_HEALTH", "team-health"),
            Map.entry("PEDIATRIC", "team-health"), Map.entry("HEALTH_INSURANCE", "team-health"),
            Map.entry("REHABILITATION", "team-health"));

    @Autowired
    TestRestTemplate rest;

    @Test
    void twoHundredIntakesAreAssignedFairlyWithinTheirTeams() {
        RestClient api = new RestClient(rest);
        List<String> types = List.copyOf(TEAM_OF.keySet());
        Random random = new Random(7);
        Map<String, String> managerOf = new HashMap<>();
        Map<String, Integer> fallbacks = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            String type = types.get(random.nextInt(types.size()));
            // 200 different people (the same person twice would go to the same case manager: continuity)
            String body = RestClient.NEW_CASE.formatted(type).replace("\"Lopez\"", "\"Client" + i + "\"");
            var opened = api.call("demo", HttpMethod.POST, "/api/cases", body);
            assertThat(opened.getStatusCode().value()).isEqualTo(201);
            String caseNumber = api.read(opened).get("caseNumber").asText();
            api.complete("demo", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
            JsonNode details = api.caseDetails("demo", caseNumber);
            assertThat(details.get("team").asText()).as(caseNumber).isEqualTo(TEAM_OF.get(type));
            if (!details.has("caseManager")) {
                // only when the whole team is at its cap does a supervisor decide
                assertThat(details.get("timeline").toString()).as(caseNumber).contains("at their caseload cap");
                assertThat(details.get("openTasks").get(0).get("taskKey").asText()).isEqualTo("assignCaseManager");
                fallbacks.merge(TEAM_OF.get(type), 1, Integer::sum);
            }
            managerOf.put(caseNumber, type);
        }
        for (String team : List.of("team-mental-health", "team-youth", "team-health")) {
            JsonNode lines = api.read(api.call("demo", HttpMethod.GET, "/api/teams/" + team + "/caseload", null))
                    .get("caseManagers");
            int min = Integer.MAX_VALUE;
            int max = 0;
            StringBuilder summary = new StringBuilder(team + ":");
            for (JsonNode line : lines) {
                int load = line.get("weightedLoad").asInt();
                min = Math.min(min, load);
                max = Math.max(max, load);
                assertThat(line.get("openCases").asInt()).isLessThanOrEqualTo(line.get("caseloadCap").asInt());
                summary.append(' ').append(line.get("userId").asText()).append('=').append(line.get("openCases").asInt())
                        .append(" cases/").append(load);
            }
            System.out.println("[fair-assignment] " + summary + " spread=" + (max - min)
                    + " supervisor-assigned=" + fallbacks.getOrDefault(team, 0));
            assertThat(max - min).as(summary.toString()).isLessThanOrEqualTo(CaseManagerChoice.MAX_WEIGHT);
        }
        assertThat(managerOf).hasSize(200);
    }
}
