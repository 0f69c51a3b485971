package org.caseway.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** Cases are routed to a team and get a qualified case manager; supervisors see and manage caseloads. */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class AssignmentRestTest {

    private static final String FUTURE = LocalDate.now().plusMonths(6).toString();

    @Autowired
    TestRestTemplate rest;

    RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    private JsonNode task(String user, String caseNumber, String taskKey) {
        JsonNode tasks = api.read(api.call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&taskDefinitionKey=" + taskKey + "&maxResults=5", null));
        assertThat(tasks.size()).as("%s of %s", taskKey, caseNumber).isEqualTo(1);
        return tasks.get(0);
    }

    private String accepted(String caseType) {
        String caseNumber = api.openCase("demo", caseType);
        api.complete("demo", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        return caseNumber;
    }

    private String profile(String team, boolean active, String qualifications) {
        return "{\"team\": \"" + team + "\", \"role\": \"CASE_MANAGER\", \"qualifications\": [" + qualifications
                + "], \"languages\": [\"en\"], \"caseloadCap\": 40, \"active\": " + active + "}";
    }

    @Test
    void acceptedCasesGoToAQualifiedCaseManagerOfTheRoutedTeamWithTheReasonInTheTimeline() {
        String mentalHealth = accepted("MENTAL_HEALTH");
        String medicare = accepted("MEDICARE");

        String mhManager = task("demo", mentalHealth, "needsAssessment").get("assignee").asText();
        assertThat(mhManager).isIn("mary", "liam");
        assertThat(task("demo", medicare, "needsAssessment").get("assignee").asText()).as("licensed nurses")
                .isIn("nina", "omar");
        List<String> reasons = new ArrayList<>();
        api.caseDetails("demo", mentalHealth).get("timeline").forEach(e -> {
            if ("CASE_MANAGER_CHOSEN".equals(e.get("eventType").asText())) {
                reasons.add(e.get("summary").asText());
            }
        });
        assertThat(reasons).singleElement().asString().contains(mhManager).contains("team-mental-health")
                .containsAnyOf("lowest weighted caseload", "speaks");

        // the case manager works the case's tasks; the team's supervisor gets its supervisor tasks
        api.complete(mhManager, mentalHealth, "needsAssessment", Map.of("needHealth", "NO_NEED", "needMentalHealth",
                "NEED", "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial",
                "NO_NEED", "needSubstanceUse", "NO_NEED", "riskLevel", "LOW", "riskReason", "Stable"));
        assertThat(task("demo", mentalHealth, "servicePlan").get("assignee").asText()).isEqualTo(mhManager);
        api.complete(mhManager, mentalHealth, "servicePlan", Map.of("goal1", "Routine", "goal1TargetDate", FUTURE,
                "service1Type", "COUNSELLING", "service1Provider", "Clinic", "service1TargetDate", FUTURE,
                "service1Goal", "1", "clientAgreesToPlan", true));
        assertThat(task("demo", mentalHealth, "approveServicePlan").get("assignee").asText()).isEqualTo("sam");
    }

    @Test
    void nobodyEligibleGoesToTheTeamsSupervisorWhoAssignsSomeoneAvailable() {
        try {
            for (String cm : List.of("john", "zoe")) {
                assertThat(api.call("demo", HttpMethod.PUT, "/api/staff/" + cm,
                        profile("team-youth", false, "\"CHILD_WELFARE\"")).getStatusCode().value()).isEqualTo(200);
            }
            String caseNumber = accepted("JUVENILE");

            JsonNode assign = task("demo", caseNumber, "assignCaseManager");
            assertThat(assign.get("assignee").asText()).isEqualTo("paula");
            ResponseEntity<String> wrongTeam = api.submitTask("paula", assign.get("id").asText(),
                    Map.of("caseManager", "nina"));
            assertThat(wrongTeam.getStatusCode().value()).isEqualTo(400);
            assertThat(wrongTeam.getBody()).contains("caseManager").contains("team-youth");

            api.call("demo", HttpMethod.PUT, "/api/staff/zoe", profile("team-youth", true, "\"CHILD_WELFARE\""));
            assertThat(api.submitTask("paula", assign.get("id").asText(), Map.of("caseManager", "zoe"))
                    .getStatusCode().value()).isEqualTo(204);
            assertThat(task("demo", caseNumber, "needsAssessment").get("assignee").asText()).isEqualTo("zoe");
        } finally {
            for (String cm : List.of("john", "zoe")) {
                api.call("demo", HttpMethod.PUT, "/api/staff/" + cm, profile("team-youth", true, "\"CHILD_WELFARE\""));
            }
        }
    }

    @Test
    void anotherTeamsCaseManagerSeesNeitherTheCaseNorItsTasks() {
        String caseNumber = accepted("MENTAL_HEALTH");

        assertThat(api.call("john", HttpMethod.GET, "/api/cases/" + caseNumber, null).getStatusCode().value())
                .isEqualTo(403);
        assertThat(api.call("john", HttpMethod.POST, "/api/cases/" + caseNumber + "/crisis",
                "{\"description\": \"x\", \"severity\": \"HIGH\"}").getStatusCode().value()).isEqualTo(403);
        assertThat(api.read(api.call("john", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&maxResults=10", null)).size()).isZero();
        List<String> listed = new ArrayList<>();
        api.read(api.call("john", HttpMethod.GET, "/api/cases?size=200", null)).get("items")
                .forEach(i -> listed.add(i.get("caseNumber").asText()));
        assertThat(listed).doesNotContain(caseNumber);
        assertThat(api.read(api.call("liam", HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey="
                + caseNumber + "&maxResults=10", null)).size()).as("the team sees it").isEqualTo(1);
        assertThat(api.call("paula", HttpMethod.GET, "/api/cases/" + caseNumber, null).getStatusCode().value())
                .as("another team's supervisor").isEqualTo(403);
    }

    @Test
    void aSupervisorReassignsACaseAndItsOpenTasksMove() {
        String caseNumber = accepted("MENTAL_HEALTH");
        String before = task("demo", caseNumber, "needsAssessment").get("assignee").asText();
        String other = before.equals("mary") ? "liam" : "mary";

        assertThat(api.call("paula", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                "{\"reason\": \"x\"}").getStatusCode().value()).as("another team's supervisor").isEqualTo(403);
        ResponseEntity<String> wrong = api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                "{\"target\": \"nina\", \"reason\": \"Language\"}");
        assertThat(wrong.getStatusCode().value()).isEqualTo(400);
        assertThat(wrong.getBody()).contains("\"field\":\"target\"");
        assertThat(api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign", "{}")
                .getStatusCode().value()).as("a reason is required").isEqualTo(400);

        ResponseEntity<String> byRules = api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                "{\"reason\": \"Conflict of interest\"}");
        assertThat(byRules.getStatusCode().value()).as(byRules.getBody()).isEqualTo(200);
        assertThat(api.read(byRules).get("caseManager").asText()).isEqualTo(other);
        assertThat(task("demo", caseNumber, "needsAssessment").get("assignee").asText()).isEqualTo(other);

        ResponseEntity<String> named = api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                "{\"target\": \"" + before + "\", \"reason\": \"Back from leave\"}");
        assertThat(named.getStatusCode().value()).isEqualTo(200);
        assertThat(task("demo", caseNumber, "needsAssessment").get("assignee").asText()).isEqualTo(before);
        List<String> events = new ArrayList<>();
        api.caseDetails("sam", caseNumber).get("timeline").forEach(e -> events.add(e.get("eventType").asText()));
        assertThat(events).filteredOn("CASE_REASSIGNED"::equals).hasSize(2);
    }

    @Test
    void anAbsentCaseManagersUrgentWorkMovesAndTheRestWaitsForTheSupervisor() {
        String urgent = accepted("MENTAL_HEALTH");
        String manager = task("demo", urgent, "needsAssessment").get("assignee").asText();
        String other = manager.equals("mary") ? "liam" : "mary";
        api.call(manager, HttpMethod.POST, "/api/cases/" + urgent + "/crisis",
                "{\"description\": \"Crisis\", \"severity\": \"HIGH\"}");
        JsonNode crisis = task("demo", urgent, "crisisResponse");
        api.call("demo", HttpMethod.POST, "/engine-rest/task/" + crisis.get("id").asText() + "/assignee",
                "{\"userId\": \"" + manager + "\"}");
        String qualifications = manager.equals("liam") ? "\"CLINICAL_LICENSE\", \"ADDICTION_COUNSELLING\"" : "\"CLINICAL_LICENSE\"";
        String restore = profile("team-mental-health", true, qualifications)
                .replace("[\"en\"]", manager.equals("mary") ? "[\"en\", \"es\"]" : "[\"en\"]");
        String waiting = accepted("SUBSTANCE_ABUSE");
        String waitingToo = accepted("SUBSTANCE_ABUSE");
        // given to the manager newest first: the supervisor's list still names them in the order they were opened
        for (String caseNumber : List.of(waitingToo, waiting)) {
            api.call("sam", HttpMethod.POST, "/api/cases/" + caseNumber + "/reassign",
                    "{\"target\": \"" + manager + "\", \"reason\": \"Continuity\"}");
        }
        try {
            ResponseEntity<String> absent = api.call("sam", HttpMethod.PUT, "/api/staff/" + manager,
                    profile("team-mental-health", false, qualifications));
            assertThat(absent.getStatusCode().value()).as(absent.getBody()).isEqualTo(200);

            assertThat(task("demo", urgent, "crisisResponse").get("assignee").asText()).isEqualTo(other);
            JsonNode decide = api.read(api.call("sam", HttpMethod.GET,
                    "/engine-rest/task?nameLike=%" + manager + "%&maxResults=10", null));
            List<String> about = new ArrayList<>();
            decide.forEach(t -> {
                if (t.path("description").asText().contains(waiting)) {
                    about.add(t.get("description").asText());
                }
            });
            assertThat(about).as("one task for the supervisor to decide on the rest").hasSize(1);
            assertThat(about.get(0)).doesNotContain(urgent).contains(waitingToo);
            assertThat(about.get(0).indexOf(waiting)).as(about.get(0)).isLessThan(about.get(0).indexOf(waitingToo));
            assertThat(task("demo", waiting, "needsAssessment").get("assignee").asText()).isEqualTo(manager);
            assertThat(task("demo", waitingToo, "needsAssessment").get("assignee").asText()).isEqualTo(manager);
        } finally {
            api.call("sam", HttpMethod.PUT, "/api/staff/" + manager, restore);
        }
    }

    private int weightedLoad(String userId) {
        for (JsonNode line : api.read(api.call("sam", HttpMethod.GET, "/api/teams/team-mental-health/caseload", null))
                .get("caseManagers")) {
            if (line.get("userId").asText().equals(userId)) {
                return line.get("weightedLoad").asInt();
            }
        }
        throw new AssertionError("no caseload line for " + userId);
    }

    @Test
    void anOpenCrisisWeighsOnTheCaseloadUntilItsFlowEnds() {
        String caseNumber = accepted("LEGAL");
        String manager = task("demo", caseNumber, "needsAssessment").get("assignee").asText();
        int before = weightedLoad(manager);

        api.call(manager, HttpMethod.POST, "/api/cases/" + caseNumber + "/crisis",
                "{\"description\": \"Arrested\", \"severity\": \"HIGH\"}");
        assertThat(weightedLoad(manager)).isEqualTo(before + StaffProfiles.CRISIS_WEIGHT);

        api.complete(manager, caseNumber, "crisisResponse", Map.of("contactMade", "YES", "contactMethod", "PHONE",
                "clientSafeNow", "YES", "immediateSafetyActions", "Called the duty solicitor"));
        api.complete(manager, caseNumber, "safetyPlan", Map.of("warningSigns", "Police contact", "supportContacts",
                "Solicitor", "followUpWithin", "H24", "crisisOutcome", "MONITORING"));
        api.complete("sam", caseNumber, "crisisReview", Map.of("supervisorAction", "NONE"));
        assertThat(weightedLoad(manager)).isEqualTo(before);
    }

    @Test
    void theCaseloadViewIsForTheTeamsSupervisorsAndAdministrators() {
        accepted("SUBSTANCE_ABUSE");

        ResponseEntity<String> view = api.call("sam", HttpMethod.GET, "/api/teams/team-mental-health/caseload", null);
        assertThat(view.getStatusCode().value()).isEqualTo(200);
        List<String> managers = new ArrayList<>();
        api.read(view).get("caseManagers").forEach(line -> {
            managers.add(line.get("userId").asText());
            assertThat(line.get("openCases").asInt()).isLessThanOrEqualTo(line.get("caseloadCap").asInt());
        });
        assertThat(managers).containsExactlyInAnyOrder("mary", "liam");
        int total = 0;
        for (JsonNode line : api.read(view).get("caseManagers")) {
            total += line.get("openCases").asInt();
        }
        assertThat(total).isPositive();
        assertThat(api.call("demo", HttpMethod.GET, "/api/teams/team-mental-health/caseload", null)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(api.call("paula", HttpMethod.GET, "/api/teams/team-mental-health/caseload", null)
                .getStatusCode().value()).as("another team's supervisor").isEqualTo(403);
        assertThat(api.call("mary", HttpMethod.GET, "/api/teams/team-mental-health/caseload", null)
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void staffProfilesAreManagedByAdministratorsAndSupervisorsWithValidation() {
        assertThat(api.call("mary", HttpMethod.GET, "/api/staff", null).getStatusCode().value()).isEqualTo(403);
        JsonNode youth = api.read(api.call("paula", HttpMethod.GET, "/api/staff?team=team-youth", null));
        List<String> ids = new ArrayList<>();
        youth.forEach(p -> ids.add(p.get("userId").asText()));
        assertThat(ids).contains("john", "zoe", "paula");

        ResponseEntity<String> unknown = api.call("demo", HttpMethod.PUT, "/api/staff/ghost",
                profile("team-youth", true, ""));
        assertThat(unknown.getStatusCode().value()).isEqualTo(400);
        assertThat(unknown.getBody()).contains("\"field\":\"userId\"");
        ResponseEntity<String> bad = api.call("demo", HttpMethod.PUT, "/api/staff/zoe",
                "{\"team\": \"Team Youth!\", \"role\": \"BOSS\", \"qualifications\": [], \"languages\": [],"
                        + " \"caseloadCap\": -1, \"active\": true, \"absentUntil\": \"someday\"}");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody()).contains("\"field\":\"team\"").contains("\"field\":\"role\"")
                .contains("\"field\":\"caseloadCap\"").contains("\"field\":\"absentUntil\"");
    }
}
