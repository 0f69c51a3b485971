package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** POST /api/cases refuses every kind of bad input with a 400 naming the field, and creates nothing. */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class CaseApiValidationTest {

    private static final String VALID = RestClient.NEW_CASE.formatted("MENTAL_HEALTH");

    @Autowired
    TestRestTemplate rest;

    RestClient api;

    @BeforeEach
    void client() {
        api = new RestClient(rest);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                Arguments.of("missing client", VALID.replaceFirst("\"client\": \\{[^}]*},", ""), "client"),
                Arguments.of("missing first name", VALID.replace("\"firstName\": \"Ana\", ", ""), "client.firstName"),
                Arguments.of("blank last name", VALID.replace("\"Lopez\"", "\"  \""), "client.lastName"),
                Arguments.of("missing birth date", VALID.replace("\"dateOfBirth\": \"1980-05-01\",", ""), "client.dateOfBirth"),
                Arguments.of("future birth date", VALID.replace("1980-05-01", "2999-01-01"), "client.dateOfBirth"),
                Arguments.of("malformed birth date", VALID.replace("1980-05-01", "01/05/1980"), "client.dateOfBirth"),
                Arguments.of("bad email", VALID.replace("ana@example.org", "not-an-email"), "client.email"),
                Arguments.of("bad phone", VALID.replace("+1 555 0100", "call me"), "client.phone"),
                Arguments.of("bad language", VALID.replace("\"es\"", "\"spanish!\""), "client.preferredLanguage"),
                Arguments.of("unknown case type", VALID.replace("MENTAL_HEALTH", "ASTROLOGY"), "caseType"),
                Arguments.of("missing case type", VALID.replace("\"caseType\": \"MENTAL_HEALTH\",", ""), "caseType"),
                Arguments.of("unknown model", VALID.replace("\"priority\"", "\"model\": \"HYBRID\", \"priority\""), "model"),
                Arguments.of("unknown priority", VALID.replace("ROUTINE", "WHENEVER"), "priority"),
                Arguments.of("oversize needs", VALID.replace("Low mood, rent arrears", "x".repeat(4001)), "presentingNeeds"),
                Arguments.of("oversize first name", VALID.replace("\"Ana\"", "\"" + "A".repeat(101) + "\""), "client.firstName"),
                Arguments.of("missing referral source", VALID.replace("\"referralSource\": \"GP referral\",", ""), "referralSource"),
                Arguments.of("wrong type for client", VALID.replaceFirst("\\{\"firstName\"[^}]*}", "\"Ana Lopez\""), "client"),
                Arguments.of("object for a text field", VALID.replace("\"GP referral\"", "{\"a\": 1}"), "referralSource"),
                Arguments.of("unknown field", VALID.replace("\"priority\"", "\"socialSecurityNo\": \"1\", \"priority\""), "socialSecurityNo"),
                Arguments.of("malformed JSON", VALID.substring(0, VALID.length() - 5), "body"),
                Arguments.of("empty body", "", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badInputIsRefusedNamingTheFieldAndCreatesNothing(String name, String body, String field) {
        long before = api.totalCases();

        ResponseEntity<String> response = api.call("mary", HttpMethod.POST, "/api/cases", body);

        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        JsonNode problem = api.read(response);
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains(field);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(api.totalCases()).isEqualTo(before);
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        String body = VALID.replace("\"Ana\"", "\"\"").replace("1980-05-01", "2999-01-01")
                .replace("MENTAL_HEALTH", "NOPE").replace("ROUTINE", "SOON");

        ResponseEntity<String> response = api.call("mary", HttpMethod.POST, "/api/cases", body);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        api.read(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("client.firstName", "client.dateOfBirth", "caseType", "priority");
    }

    @Test
    void validReferralOpensACaseWithModelFromTheDecisionTable() {
        ResponseEntity<String> response = api.call("mary", HttpMethod.POST, "/api/cases",
                RestClient.NEW_CASE.formatted("LEGAL"));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        JsonNode created = api.read(response);
        String caseNumber = created.get("caseNumber").asText();
        assertThat(caseNumber).matches("CW-\\d{4}-\\d{6}");
        assertThat(created.get("processInstanceId").asText()).isNotBlank();
        assertThat(created.get("model").asText()).isEqualTo("BROKERAGE");
        assertThat(response.getHeaders().getLocation()).hasToString("/api/cases/" + caseNumber);

        JsonNode details = api.caseDetails("mary", caseNumber);
        assertThat(details.get("stage").asText()).isEqualTo("INTAKE");
        assertThat(details.get("client").get("lastName").asText()).isEqualTo("Lopez");
        assertThat(details.get("openTasks").get(0).get("taskKey").asText()).isEqualTo("intake");
        assertThat(details.get("timeline").get(0).get("eventType").asText()).isEqualTo("CASE_OPENED");
    }

    @Test
    void caseListFiltersByStageAndTypeAndRejectsUnknownValues() {
        String caseNumber = api.openCase("mary", "JUVENILE");

        JsonNode page = api.read(api.call("mary", HttpMethod.GET, "/api/cases?stage=INTAKE&caseType=JUVENILE&size=5", null));
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        List<String> numbers = new ArrayList<>();
        page.get("items").forEach(i -> {
            numbers.add(i.get("caseNumber").asText());
            assertThat(i.get("caseType").asText()).isEqualTo("JUVENILE");
        });
        assertThat(numbers).contains(caseNumber);
        assertThat(api.read(api.call("mary", HttpMethod.GET, "/api/cases?caseType=CHILD&stage=CLOSED", null))
                .get("items")).isEmpty();

        ResponseEntity<String> badStage = api.call("mary", HttpMethod.GET, "/api/cases?stage=LIMBO", null);
        assertThat(badStage.getStatusCode().value()).isEqualTo(400);
        assertThat(badStage.getBody()).contains("\"field\":\"stage\"");
        ResponseEntity<String> badSize = api.call("mary", HttpMethod.GET, "/api/cases?size=100000", null);
        assertThat(badSize.getStatusCode().value()).isEqualTo(400);
        assertThat(badSize.getBody()).contains("\"field\":\"size\"");
    }

    @Autowired
    org.camunda.bpm.engine.RepositoryService repositoryService;

    @Test
    void analystsChangeTheDefaultModelByRedeployingTheDecisionTable() throws Exception {
        String original = new String(getClass().getResourceAsStream("/processes/case-model.dmn").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String academicClinical = original.replace(
                "<inputEntry id=\"in_academic\"><text>\"ACADEMIC\"</text></inputEntry>\n        <outputEntry id=\"out_academic\"><text>\"BROKERAGE\"</text></outputEntry>",
                "<inputEntry id=\"in_academic\"><text>\"ACADEMIC\"</text></inputEntry>\n        <outputEntry id=\"out_academic\"><text>\"CLINICAL\"</text></outputEntry>");
        String academicMissing = original.replaceAll("(?s)<rule id=\"rule_academic\">.*?</rule>", "");
        assertThat(academicClinical).isNotEqualTo(original);
        assertThat(academicMissing).doesNotContain("rule_academic");

        String changed = deploy(academicClinical);
        try {
            assertThat(api.read(api.call("mary", HttpMethod.POST, "/api/cases", RestClient.NEW_CASE.formatted("ACADEMIC")))
                    .get("model").asText()).isEqualTo("CLINICAL");
        } finally {
            repositoryService.deleteDeployment(changed, true);
        }

        String broken = deploy(academicMissing);
        try {
            long before = api.totalCases();
            ResponseEntity<String> undecided = api.call("mary", HttpMethod.POST, "/api/cases",
                    RestClient.NEW_CASE.formatted("ACADEMIC"));
            assertThat(undecided.getStatusCode().value()).isEqualTo(422);
            assertThat(undecided.getBody()).contains("\"field\":\"model\"");
            assertThat(api.totalCases()).isEqualTo(before);
            ResponseEntity<String> explicit = api.call("mary", HttpMethod.POST, "/api/cases",
                    RestClient.NEW_CASE.formatted("ACADEMIC").replace("\"priority\"", "\"model\": \"BROKERAGE\", \"priority\""));
            assertThat(explicit.getStatusCode().value()).isEqualTo(201);
        } finally {
            repositoryService.deleteDeployment(broken, true);
        }
        assertThat(api.read(api.call("mary", HttpMethod.POST, "/api/cases", RestClient.NEW_CASE.formatted("ACADEMIC")))
                .get("model").asText()).isEqualTo("BROKERAGE");
    }

    private String deploy(String dmn) {
        return repositoryService.createDeployment().name("analyst change")
                .addString("case-model.dmn", dmn).deploy().getId();
    }

    @Test
    void unknownCaseIsNotFound() {
        ResponseEntity<String> response = api.call("mary", HttpMethod.GET, "/api/cases/CW-1999-000000", null);
        assertThat(response.getStatusCode().value()).isEqualTo(404);
    }
}
