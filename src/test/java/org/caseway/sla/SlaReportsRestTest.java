package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caseway.sla.SlaScenario.HEALTH;
import static org.caseway.sla.SlaScenario.MENTAL_HEALTH;
import static org.caseway.sla.SlaScenario.NOW;
import static org.caseway.sla.SlaScenario.YOUTH;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The supervisors' SLA view through REST, on the known picture of {@link SlaScenario}. */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaReportsRestTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TaskService taskService;
    @Autowired
    SlaOpenTasksGauge gauge;
    @Autowired
    SlaMetrics metrics;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    MeterRegistry registry;

    RestClient api;
    SlaScenario scenario;

    @BeforeAll
    void scenario() {
        api = new RestClient(rest);
        scenario = new SlaScenario(api, jdbc, taskService).create();
    }

    @AfterAll
    void removeScenario() {
        scenario.remove();
    }

    private JsonNode ok(String user, String path) {
        ResponseEntity<String> response = api.call(user, HttpMethod.GET, path, null);
        assertThat(response.getStatusCode().value()).as("%s %s: %s", user, path, response.getBody()).isEqualTo(200);
        return api.read(response);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.path(field).isNull() ? null : node.path(field).asText()));
        return values;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static void assertOpen(JsonNode openTasks, int onTime, int atRisk, int overdue) {
        assertThat(List.of(openTasks.get("onTime").asInt(), openTasks.get("atRisk").asInt(),
                openTasks.get("overdue").asInt(), openTasks.get("total").asInt()))
                .as("onTime, atRisk, overdue, total of %s", openTasks)
                .containsExactly(onTime, atRisk, overdue, onTime + atRisk + overdue);
    }

    // --- summary --------------------------------------------------------------------------------

    @Test
    void supervisorSeesHisTeamsOpenTasksBreachesAndTimesToComplete() {
        JsonNode summary = ok("sam", "/api/sla/summary");

        assertThat(OffsetDateTime.parse(summary.get("asOf").asText()).toInstant()).isEqualTo(NOW.toInstant());
        assertThat(summary.get("team").isNull()).isTrue();
        assertThat(strings(summary.get("visibleTeams"))).containsExactly(MENTAL_HEALTH);
        // goal_at = now is at risk, due_at = now overdue; a clock created after now, a cancelled and the
        // completed ones are not open
        assertOpen(summary.get("openTasks"), 4, 2, 2);
        assertThat(summary.get("breaches").get("last7Days").toString()).isEqualTo("{\"total\":2,\"level1\":1,\"level2\":1}");
        assertThat(summary.get("breaches").get("last30Days").toString()).isEqualTo("{\"total\":3,\"level1\":2,\"level2\":1}");

        JsonNode times = summary.get("timeToComplete");
        assertThat(texts(times, "taskKey")).containsExactly("intake", "needsAssessment", "referService");
        JsonNode assessment = times.get(1);
        assertThat(assessment.get("completed").asInt()).isEqualTo(10);
        assertThat(assessment.get("median").asText()).isEqualTo("PT5H30M");
        assertThat(assessment.get("medianSeconds").asLong()).isEqualTo(5 * 3600 + 1800);
        assertThat(assessment.get("p90").asText()).isEqualTo("PT9H6M");
        assertThat(assessment.get("p90Seconds").asLong()).isEqualTo(9 * 3600 + 360);
        assertThat(times.get(0).get("completed").asInt()).as("the intake 100 days ago and the one after now are out")
                .isEqualTo(1);
        assertThat(times.get(0).get("median").asText()).isEqualTo("PT2H");
        assertThat(times.get(2).get("p90Seconds").asLong()).isEqualTo(5 * 86400);
        assertThat(summary.toString()).doesNotContain("Lopez").doesNotContain("Ana");
    }

    @Test
    void supervisorOfTwoTeamsSeesBothAndEachAlone() {
        JsonNode both = ok("paula", "/api/sla/summary");
        assertThat(texts(both.get("openTasksByTeam"), "team")).containsExactly(HEALTH, YOUTH);
        assertOpen(both.get("openTasks"), 1, 1, 1);
        assertThat(both.get("breaches").get("last7Days").get("total").asInt()).isEqualTo(1);
        assertThat(both.get("breaches").get("last30Days").get("total").asInt()).isEqualTo(1);
        JsonNode servicePlan = both.get("timeToComplete").get(0);
        assertThat(servicePlan.get("taskKey").asText()).isEqualTo("servicePlan");
        assertThat(servicePlan.get("completed").asInt()).as("the cancelled one is not a completion").isEqualTo(2);
        assertThat(servicePlan.get("median").asText()).isEqualTo("PT48H");
        assertThat(servicePlan.get("p90").asText()).as("1 d + 0.9 × 2 d").isEqualTo("PT67H12M");

        JsonNode youth = ok("paula", "/api/sla/summary?team=" + YOUTH);
        assertThat(youth.get("team").asText()).isEqualTo(YOUTH);
        assertOpen(youth.get("openTasks"), 1, 0, 1);
        assertThat(strings(youth.get("visibleTeams"))).containsExactly(HEALTH, YOUTH);
        JsonNode healthOnly = ok("paula", "/api/sla/summary?team=" + HEALTH);
        assertOpen(healthOnly.get("openTasks"), 0, 1, 0);
        assertThat(healthOnly.get("timeToComplete").size()).isZero();
    }

    @Test
    void programManagerAndAdministratorSeeEveryTeamAndCasesWithoutATeam() {
        for (String user : List.of("pat", "demo")) {
            JsonNode all = ok(user, "/api/sla/summary");
            assertThat(texts(all.get("openTasksByTeam"), "team")).as(user)
                    .containsExactly(HEALTH, MENTAL_HEALTH, YOUTH, null);
            assertOpen(all.get("openTasks"), 6, 3, 3);
            assertThat(all.get("openTasksByTeam").get(3).get("onTime").asInt()).isEqualTo(1);
            assertThat(all.get("breaches").get("last7Days").toString()).isEqualTo("{\"total\":3,\"level1\":2,\"level2\":1}");
            assertThat(all.get("breaches").get("last30Days").toString()).isEqualTo("{\"total\":4,\"level1\":3,\"level2\":1}");
            assertThat(texts(all.get("timeToComplete"), "taskKey"))
                    .containsExactly("intake", "needsAssessment", "referService", "servicePlan");
        }
        assertOpen(ok("pat", "/api/sla/summary?team=" + MENTAL_HEALTH).get("openTasks"), 4, 2, 2);
    }

    // --- who may see what -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"/api/sla/summary", "/api/sla/breaches", "/api/sla/forecast"})
    void onlySupervisorsProgramManagersAndAdministratorsSeeSlaFigures(String path) {
        assertThat(api.call("mary", HttpMethod.GET, path, null).getStatusCode().value()).isEqualTo(403);
        assertThat(api.call("alex", HttpMethod.GET, path, null).getStatusCode().value()).isEqualTo(403);
        assertThat(api.call("ivy", HttpMethod.GET, path + "?team=" + MENTAL_HEALTH, null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(api.call(null, HttpMethod.GET, path, null).getStatusCode().value()).isEqualTo(401);

        ResponseEntity<String> otherTeam = api.call("sam", HttpMethod.GET, path + "?team=" + YOUTH, null);
        assertThat(otherTeam.getStatusCode().value()).isEqualTo(403);
        assertThat(otherTeam.getBody()).doesNotContain(scenario.youth);
        assertThat(api.call("paula", HttpMethod.GET, path + "?team=" + MENTAL_HEALTH, null).getStatusCode().value())
                .isEqualTo(403);

        // an unknown team is 404 for every SLA viewer (team ids are not secret: every worker may read groups)
        for (String user : List.of("sam", "pat")) {
            ResponseEntity<String> unknown = api.call(user, HttpMethod.GET, path + "?team=team-nobody", null);
            assertThat(unknown.getStatusCode().value()).as(user).isEqualTo(404);
            assertThat(unknown.getBody()).contains("team-nobody");
        }
        assertThat(api.call("mary", HttpMethod.GET, path + "?team=team-nobody", null).getStatusCode().value())
                .as("the role is checked first").isEqualTo(403);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/api/sla/summary?team=Team_Youth|team",
            "/api/sla/forecast?team=|team",
            "/api/sla/forecast?days=0|days",
            "/api/sla/forecast?days=31|days",
            "/api/sla/forecast?days=seven|days",
            "/api/sla/breaches?size=0|size",
            "/api/sla/breaches?size=501|size",
            "/api/sla/breaches?size=ten|size",
            "/api/sla/breaches?from=2020-02-30|from",
            "/api/sla/breaches?from=yesterday|from",
            "/api/sla/breaches?to=2020-01-10T25:00|to",
            "/api/sla/breaches?from=1969-12-31|from",
            "/api/sla/breaches?to=10000-01-01|to",
            "/api/sla/breaches?from=2020-01-10&to=2020-01-09|from",
            "/api/sla/breaches?from=2018-01-01&to=2020-01-01|to",
            "/api/sla/breaches?from=2020-01-10T12:00:00Z&to=2020-01-10T11:59:59Z|from"})
    void badParametersAreA400NamingTheField(String path, String field) {
        ResponseEntity<String> response = api.call("pat", HttpMethod.GET, path, null);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        JsonNode errors = api.read(response).get("errors");
        assertThat(texts(errors, "field")).as(response.getBody()).containsExactly(field);
    }

    // --- breaches -------------------------------------------------------------------------------

    @Test
    void breachesOfTheLast30DaysNewestFirstWithHowLate() {
        JsonNode list = ok("sam", "/api/sla/breaches");

        assertThat(OffsetDateTime.parse(list.get("from").asText()).toInstant()).isEqualTo(SlaScenario.days(-30).toInstant());
        assertThat(OffsetDateTime.parse(list.get("to").asText()).toInstant()).isEqualTo(NOW.toInstant());
        assertThat(list.get("total").asInt()).as("as many as the summary's last 30 days").isEqualTo(3);
        assertThat(list.get("truncated").asBoolean()).isFalse();
        JsonNode lines = list.get("breaches");
        assertThat(texts(lines, "caseNumber")).containsExactly(scenario.mh2, scenario.mh2, scenario.mh1);
        assertThat(texts(lines, "level")).containsExactly("2", "1", "1");
        assertThat(texts(lines, "taskKey")).containsExactly("servicePlan", "servicePlan", "referService");
        assertThat(texts(lines, "escalatedTo")).containsExactly("program-managers", "sam", "sam");
        assertThat(texts(lines, "assignee")).containsExactly("mary", "mary", "liam");
        // open tasks are late until now, a completed one until its completion
        assertThat(texts(lines, "late")).containsExactly("PT24H", "PT72H", "PT24H");
        assertThat(texts(lines, "lateSeconds")).containsExactly("86400", "259200", "86400");
        assertThat(texts(lines, "taskOpen")).containsExactly("true", "true", "false");
        assertThat(lines.get(2).get("completedAt").isNull()).isFalse();
        assertThat(OffsetDateTime.parse(lines.get(2).get("completedAt").asText()).toInstant())
                .isEqualTo(SlaScenario.days(-9).toInstant());
        assertThat(lines.get(2).get("resolution").asText()).isEqualTo("COMPLETED");
        assertThat(lines.get(0).get("completedAt").isNull()).isTrue();
        assertThat(OffsetDateTime.parse(lines.get(1).get("deadline").asText()).toInstant())
                .isEqualTo(SlaScenario.days(-3).toInstant());
        assertThat(list.toString()).doesNotContain("Lopez");
    }

    @Test
    void breachesInAChosenPeriodAndBoundedInSize() {
        String from = SlaScenario.days(-60).toLocalDate().toString();
        JsonNode longer = ok("sam", "/api/sla/breaches?from=" + from);
        assertThat(longer.get("total").asInt()).as("also the one 40 days ago").isEqualTo(4);

        JsonNode firstTwo = ok("sam", "/api/sla/breaches?from=" + from + "&size=2");
        assertThat(firstTwo.get("total").asInt()).isEqualTo(4);
        assertThat(firstTwo.get("breaches").size()).isEqualTo(2);
        assertThat(firstTwo.get("truncated").asBoolean()).isTrue();

        // a date as "to" runs through the end of that day (the server's zone)
        LocalDate twoDaysAgo = SlaScenario.days(-2).atZoneSameInstant(ZoneId.systemDefault()).toLocalDate();
        JsonNode untilTwoDaysAgo = ok("sam", "/api/sla/breaches?to=" + twoDaysAgo);
        assertThat(texts(untilTwoDaysAgo.get("breaches"), "level")).containsExactly("1", "1");

        JsonNode exact = ok("pat", "/api/sla/breaches?from=" + SlaScenario.hours(-3) + "&to=" + NOW.toString());
        assertThat(texts(exact.get("breaches"), "caseNumber")).containsExactly(scenario.youth);

        JsonNode youth = ok("paula", "/api/sla/breaches?team=" + YOUTH);
        assertThat(texts(youth.get("breaches"), "team")).containsExactly(YOUTH);
        assertThat(ok("paula", "/api/sla/breaches?team=" + HEALTH).get("total").asInt()).isZero();
    }

    // --- forecast -------------------------------------------------------------------------------

    @Test
    void forecastGroupsTheTasksAboutToBreachPerCaseManager() {
        JsonNode forecast = ok("sam", "/api/sla/forecast");

        assertThat(forecast.get("days").asInt()).isEqualTo(7);
        assertThat(OffsetDateTime.parse(forecast.get("until").asText()).toInstant())
                .isEqualTo(SlaScenario.days(7).toInstant());
        assertThat(forecast.get("total").asInt()).as("overdue, later and engine-less tasks are out").isEqualTo(4);
        JsonNode groups = forecast.get("caseManagers");
        assertThat(texts(groups, "assignee")).containsExactly("mary", "liam", null);
        assertThat(texts(groups, "count")).containsExactly("2", "1", "1");
        JsonNode mary = groups.get(0).get("tasks");
        assertThat(texts(mary, "taskId")).containsExactly(scenario.taskIds.get("F1"), scenario.taskIds.get("F2"));
        assertThat(texts(mary, "caseNumber")).containsExactly(scenario.mh1, scenario.mh1);
        assertThat(texts(mary, "state")).containsExactly("AT_RISK", "ON_TIME");
        assertThat(texts(mary, "dueIn")).containsExactly("PT5H", "PT72H");
        assertThat(texts(mary, "dueInSeconds")).containsExactly("18000", "259200");
        assertThat(texts(groups.get(1).get("tasks"), "state")).as("goal = now is at risk").containsExactly("AT_RISK");
        assertThat(texts(groups.get(2).get("tasks"), "taskKey")).containsExactly("outreach");

        JsonNode nextDay = ok("sam", "/api/sla/forecast?days=1");
        assertThat(texts(nextDay.get("caseManagers"), "assignee")).containsExactly("liam", "mary");
        assertThat(nextDay.get("total").asInt()).isEqualTo(2);
    }

    @Test
    void forecastIsScopedToTheCallersTeams() {
        JsonNode paula = ok("paula", "/api/sla/forecast");
        assertThat(texts(paula.get("caseManagers"), "assignee")).containsExactly("nina");
        assertThat(texts(paula.get("caseManagers").get(0).get("tasks"), "caseNumber")).containsExactly(scenario.health);

        JsonNode pat = ok("pat", "/api/sla/forecast?days=30");
        assertThat(texts(pat.get("caseManagers"), "assignee")).containsExactly("mary", "liam", "nina", null);
        assertThat(pat.get("total").asInt()).isEqualTo(5);
        assertThat(ok("paula", "/api/sla/forecast?team=" + YOUTH).get("total").asInt()).isZero();
    }

    // --- metrics --------------------------------------------------------------------------------

    @Test
    void prometheusShowsOpenTasksPerTeamAndStateWithoutAuthenticationAndWithoutClientData() {
        gauge.refresh();
        // a request with a case number in its URL: the server's metric holds the route template, and the
        // test client's own metric (the URL as called) has its uri dropped (MetricsPrivacy)
        api.caseDetails("sam", scenario.mh1);

        ResponseEntity<String> scrape = api.call(null, HttpMethod.GET, "/actuator/prometheus", null);

        assertThat(scrape.getStatusCode().value()).isEqualTo(200);
        Map<String, Double> samples = samples(scrape.getBody());
        assertThat(gaugeOf(samples, MENTAL_HEALTH)).containsExactly(4.0, 2.0, 2.0);
        assertThat(gaugeOf(samples, YOUTH)).containsExactly(1.0, 0.0, 1.0);
        assertThat(gaugeOf(samples, HEALTH)).containsExactly(0.0, 1.0, 0.0);
        assertThat(gaugeOf(samples, "none")).as("cases not yet routed to a team").containsExactly(1.0, 0.0, 0.0);
        assertThat(scrape.getBody()).doesNotContain("Lopez").doesNotContain(scenario.mh1).doesNotContain("CW-")
                .contains("uri=\"/api/cases/{caseNumber}\"");
    }

    @Test
    void breachEscalationAndCompletionMetricsMoveOnlyWhenTheirTransactionCommits() {
        String key = "slaMetricsProbe";
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        metrics.breach(key, 1);
        metrics.breach(key, 1);
        transaction.executeWithoutResult(status -> {
            metrics.breach(key, 2);
            metrics.escalation(key, 2);
            metrics.completed(key, Duration.ofHours(4));
            assertThat(registry.get(SlaMetrics.BREACHES).tags("task_key", key, "level", "2").counter().count())
                    .as("not before the commit").isZero();
        });
        transaction.executeWithoutResult(status -> {
            metrics.breach(key, 2);
            metrics.escalation(key, 1);
            metrics.completed(key, Duration.ofHours(30));
            status.setRollbackOnly();
        });
        metrics.escalation(key, 1);
        metrics.completed(key, Duration.ofHours(2));

        Map<String, Double> samples = samples(api.call(null, HttpMethod.GET, "/actuator/prometheus", null).getBody());
        String tags = ",task_key=\"" + key + "\"}";
        assertThat(samples.get("caseway_sla_breaches_total{level=\"1\"" + tags)).isEqualTo(2.0);
        assertThat(samples.get("caseway_sla_breaches_total{level=\"2\"" + tags)).as("one committed, one rolled back")
                .isEqualTo(1.0);
        assertThat(samples.get("caseway_sla_escalations_total{level=\"1\"" + tags)).isEqualTo(1.0);
        assertThat(samples.get("caseway_sla_escalations_total{level=\"2\"" + tags)).isEqualTo(1.0);
        assertThat(samples.get("caseway_sla_time_to_complete_seconds_count{task_key=\"" + key + "\"}")).isEqualTo(2.0);
        assertThat(samples.get("caseway_sla_time_to_complete_seconds_sum{task_key=\"" + key + "\"}"))
                .isEqualTo(6 * 3600.0);
        assertThat(samples.get("caseway_sla_time_to_complete_seconds_bucket{le=\"3600.0\"" + tags))
                .as("%s", samples.keySet().stream().filter(k -> k.contains(key)).sorted().toList()).isEqualTo(0.0);
        assertThat(samples.get("caseway_sla_time_to_complete_seconds_bucket{le=\"14400.0\"" + tags)).isEqualTo(2.0);
    }

    /** on time, at risk, overdue of the team in the gauge */
    private static List<Double> gaugeOf(Map<String, Double> samples, String team) {
        return List.of("ON_TIME", "AT_RISK", "OVERDUE").stream()
                .map(state -> samples.get("caseway_sla_open_tasks{state=\"" + state + "\",team=\"" + team + "\"}"))
                .toList();
    }

    /** The Prometheus text format's samples: "name{labels sorted by name}" to value (our label values hold no comma). */
    private static Map<String, Double> samples(String body) {
        Map<String, Double> samples = new HashMap<>();
        body.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            if (brace > 0) {
                List<String> labels = new ArrayList<>(List.of(series.substring(brace + 1, series.length() - 1).split(",")));
                labels.sort(null);
                series = series.substring(0, brace) + "{" + String.join(",", labels) + "}";
            }
            samples.put(series, Double.parseDouble(line.substring(space + 1)));
        });
        return samples;
    }
}
