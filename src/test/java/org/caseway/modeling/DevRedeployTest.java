package org.caseway.modeling;

import static org.caseway.support.ChildJvm.classPath;
import static org.caseway.support.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.caseway.system.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Issue 6: the dev profile's hot redeploy, as an analyst uses it. Caseway runs as a real process (its own JVM
 * and engine) with the dev and demo profiles, in a temporary working directory holding a copy of processes/ and
 * forms/, on the suite's database (an H2 file there, or a fresh PostgreSQL database: TestDatabase). The test edits those files the way the Modeler saves them and watches the engine through REST: a saved
 * change is a new version within seconds (the latency is measured and printed, bounded by 30 s), running cases
 * stay on their version, a changed form redeploys the process that uses it, running closures move to the new
 * version with the migration calls of processes/README.md, and a broken model (the ModelValidator's or the
 * engine's problem) deploys nothing and is reported with file and element id at /api/dev/deployments.
 * The steps build on each other and run in order; the child's log is in target/dev-redeploy-test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevRedeployTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String OLD_NAME = "name=\"Approve closure\"";
    private static final String NEW_NAME = "name=\"Approve or return the closure\"";

    private final ObjectMapper json = new ObjectMapper();
    private Path workDir;
    private Process caseway;
    private RestClient api;
    /** The child's PostgreSQL database when the suite runs on PostgreSQL, else null (H2 file). */
    private String database;
    /** The case whose closure started on case-closure version 1. */
    private String firstCase;

    @BeforeAll
    void startCasewayWithTheDevProfile() throws Exception {
        workDir = Files.createTempDirectory("caseway-dev-");
        copy(Path.of("processes"), workDir.resolve("processes"));
        copy(Path.of("forms"), workDir.resolve("forms"));
        int port = freePort();
        // the suite's database choice: the H2 file in the working directory, or a fresh PostgreSQL database
        database = TestDatabase.postgres() ? TestDatabase.create() : null;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath(), CasewayApplication.class.getName(),
                "--server.port=" + port, "--caseway.data-dir=" + workDir.resolve("data"),
                "--spring.profiles.active=dev,demo" + (database != null ? ",postgres" : ""), "--logging.level.root=WARN",
                "--logging.level.org.caseway.modeling=INFO"));
        if (database != null) {
            command.addAll(TestDatabase.childArguments(database));
        }
        Path log = Files.createDirectories(Path.of("target", "dev-redeploy-test").toAbsolutePath())
                .resolve("caseway-" + Instant.now().toEpochMilli() + ".log");
        // the working directory holds processes/ and forms/: caseway.dev.models-dir and forms-dir keep their defaults
        caseway = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        TestRestTemplate rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(caseway.isAlive()).as("Caseway exited, see " + log).isTrue();
            try {
                if (rest.getForEntity("/actuator/health", String.class).getStatusCode().is2xxSuccessful()) {
                    api = new RestClient(rest);
                    return;
                }
            } catch (RuntimeException notYetListening) {
                // still starting
            }
            caseway.waitFor(500, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("Caseway did not start within 120 s, see " + log);
    }

    @AfterAll
    void stop() throws Exception {
        if (caseway != null && caseway.isAlive()) {
            caseway.destroy();
            if (!caseway.waitFor(30, TimeUnit.SECONDS)) {
                caseway.destroyForcibly().waitFor();
            }
        }
        if (database != null) {
            TestDatabase.drop(database);
        }
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @Test
    @Order(1)
    void theRedeploysAreForProcessAnalystsAndAdministrators() {
        assertThat(api.call(null, HttpMethod.GET, "/api/dev/deployments", null).getStatusCode().value()).isEqualTo(401);
        assertThat(api.call("mary", HttpMethod.GET, "/api/dev/deployments", null).getStatusCode().value()).isEqualTo(403);
        assertThat(redeploys("demo")).isEmpty();
        // the folders equal what the start-up deployed from the classpath: nothing to redeploy
        assertThat(redeploys("alex")).isEmpty();
        assertThat(latestVersion("case-closure")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aSavedChangeIsANewVersionWithinSecondsAndRunningCasesStayOnTheirs() throws IOException {
        firstCase = caseInClosure();
        JsonNode firstClosure = closureInstance(firstCase);
        assertThat(version(firstClosure)).isEqualTo(1);

        long latency = saveAndWaitForVersion("processes/case-closure.bpmn",
                model -> replaceOnce(model, OLD_NAME, NEW_NAME), "case-closure", 2);
        System.out.println("[dev-redeploy] renamed task in case-closure.bpmn -> case-closure v2 deployed after "
                + latency + " ms");

        assertThat(version(closureInstance(firstCase))).as("the running closure stays on its version").isEqualTo(1);
        String secondCase = caseInClosure();
        assertThat(version(closureInstance(secondCase))).as("a new closure gets the new version").isEqualTo(2);
        // the new version found its forms in its own deployment (formRefBinding="deployment")
        ResponseEntity<String> form = api.call("mary", HttpMethod.GET,
                "/engine-rest/task/" + api.taskId("demo", secondCase, "closureSummary") + "/deployed-form", null);
        assertThat(form.getStatusCode().value()).as(form.getBody()).isEqualTo(200);
        assertThat(api.read(form).get("id").asText()).isEqualTo("closureSummary");

        JsonNode last = redeploys("alex").get(0);
        assertThat(last.get("outcome").asText()).isEqualTo("DEPLOYED");
        assertThat(texts(last.get("changedFiles"))).containsExactly("processes/case-closure.bpmn");
        assertThat(deployedVersions(last)).containsExactlyInAnyOrder(
                "processes/case-closure.bpmn case-closure v2 changed",
                "forms/closureSummary.form closureSummary v2", "forms/approveClosure.form approveClosure v2");
        assertThat(last.get("problems")).isEmpty();
    }

    @Test
    @Order(3)
    void aChangedFormRedeploysTheProcessThatUsesIt() throws IOException {
        long latency = saveAndWaitForVersion("forms/approveClosure.form",
                form -> replaceOnce(form, "\"label\": \"Decision\"", "\"label\": \"Your decision\""), "case-closure", 3);
        System.out.println("[dev-redeploy] changed approveClosure.form -> case-closure v3 deployed after " + latency + " ms");

        JsonNode last = redeploys("alex").get(0);
        assertThat(texts(last.get("changedFiles"))).containsExactly("forms/approveClosure.form");
        assertThat(deployedVersions(last)).containsExactlyInAnyOrder("processes/case-closure.bpmn case-closure v3",
                "forms/closureSummary.form closureSummary v3", "forms/approveClosure.form approveClosure v3 changed");
    }

    /** processes/README.md "Moving running cases to a new version": the same calls, with their checks. */
    @Test
    @Order(4)
    void runningClosuresMoveToTheNewVersionWithTheMigrationApi() throws IOException {
        JsonNode definitions = api.read(api.call("demo", HttpMethod.GET,
                "/engine-rest/process-definition?key=case-closure&sortBy=version&sortOrder=asc&maxResults=100", null));
        String v1 = definitions.get(0).get("id").asText();
        String target = definitions.get(definitions.size() - 1).get("id").asText();
        String instance = closureInstance(firstCase).get("id").asText();
        // the closure of the first case goes on in version 1, to the task the new versions renamed
        api.complete("mary", firstCase, "closureSummary", Map.of("closureReason", "CLIENT_REQUEST"));
        String approval = api.taskId("demo", firstCase, "approveClosure");
        assertThat(task(approval).get("name").asText()).isEqualTo("Approve closure");

        // before: where the old version's instances wait, and their SLA timers
        JsonNode before = api.read(api.call("demo", HttpMethod.GET, "/engine-rest/process-definition/" + v1
                + "/statistics?failedJobs=true&incidents=true", null));
        assertThat(before).hasSize(1);
        assertThat(before.get(0).get("id").asText()).isEqualTo("approveClosure");
        assertThat(before.get(0).get("instances").asInt()).isEqualTo(1);
        assertThat(before.get(0).get("failedJobs").asInt()).isZero();
        assertThat(before.get(0).get("incidents")).isEmpty();
        JsonNode timersBefore = api.read(api.call("demo", HttpMethod.GET, "/engine-rest/job?maxResults=100&processInstanceId="
                + instance, null));
        assertThat(timersBefore).hasSize(3);
        JsonNode taskBefore = task(approval);
        String candidatesBefore = candidates(approval);

        ResponseEntity<String> generated = api.call("demo", HttpMethod.POST, "/engine-rest/migration/generate",
                "{\"sourceProcessDefinitionId\": \"" + v1 + "\", \"targetProcessDefinitionId\": \"" + target + "\","
                        + " \"updateEventTriggers\": false}");
        assertThat(generated.getStatusCode().value()).as(generated.getBody()).isEqualTo(200);
        JsonNode plan = api.read(generated);
        List<String> mapped = new ArrayList<>();
        plan.get("instructions").forEach(i -> mapped.add(i.get("sourceActivityIds").get(0).asText()
                + "->" + i.get("targetActivityIds").get(0).asText()));
        assertThat(mapped).contains("closureSummary->closureSummary", "approveClosure->approveClosure");

        ResponseEntity<String> validated = api.call("demo", HttpMethod.POST, "/engine-rest/migration/validate",
                plan.toString());
        assertThat(validated.getStatusCode().value()).as(validated.getBody()).isEqualTo(200);
        assertThat(api.read(validated).get("instructionReports")).as(validated.getBody()).isEmpty();

        ObjectNode execution = json.createObjectNode();
        execution.set("migrationPlan", plan);
        execution.set("processInstanceQuery", json.createObjectNode().put("processDefinitionId", v1));
        execution.put("skipCustomListeners", false);
        execution.put("skipIoMappings", false);
        ResponseEntity<String> executed = api.call("demo", HttpMethod.POST, "/engine-rest/migration/execute",
                execution.toString());
        assertThat(executed.getStatusCode().value()).as(executed.getBody()).isEqualTo(204);

        // after: nothing left on the old version; the instance, its task and its SLA timers are on the new one
        assertThat(api.read(api.call("demo", HttpMethod.GET, "/engine-rest/process-definition/" + v1 + "/statistics",
                null))).isEmpty();
        assertThat(closureInstance(firstCase).get("definitionId").asText()).isEqualTo(target);
        assertThat(task(approval).get("processDefinitionId").asText()).isEqualTo(target);
        for (String kept : List.of("assignee", "due", "followUp", "priority", "created")) {
            assertThat(task(approval).get(kept)).as(kept).isEqualTo(taskBefore.get(kept));
        }
        assertThat(taskBefore.get("due").isNull()).as("the SLA clock set a due date").isFalse();
        assertThat(candidates(approval)).isEqualTo(candidatesBefore).contains("candidate");
        JsonNode timersAfter = api.read(api.call("demo", HttpMethod.GET, "/engine-rest/job?maxResults=100&processInstanceId="
                + instance, null));
        assertThat(timersAfter).hasSize(3);
        timersAfter.forEach(job -> assertThat(job.get("processDefinitionId").asText()).isEqualTo(target));
        List<String> dueDates = new ArrayList<>();
        timersBefore.forEach(job -> dueDates.add(job.get("dueDate").asText()));
        List<String> dueDatesAfter = new ArrayList<>();
        timersAfter.forEach(job -> dueDatesAfter.add(job.get("dueDate").asText()));
        assertThat(dueDatesAfter).as("the SLA deadlines are kept").containsExactlyInAnyOrderElementsOf(dueDates);

        // the open task now finds its form in the new version's deployment; it keeps the name it was created with
        ResponseEntity<String> form = api.call("demo", HttpMethod.GET, "/engine-rest/task/" + approval + "/deployed-form",
                null);
        assertThat(form.getBody()).contains("Your decision");
        assertThat(task(approval).get("name").asText()).as("Camunda does not rename an open task").isEqualTo("Approve closure");
        api.complete("sam", firstCase, "approveClosure", Map.of("closureDecision", "APPROVED"));
        assertThat(api.caseDetails("mary", firstCase).get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    @Order(5)
    void aBrokenModelIsRejectedNothingIsDeployedAndTheProblemIsReported() throws IOException {
        long deployments = deploymentCount();
        Path closure = workDir.resolve("processes/case-closure.bpmn");
        String good = Files.readString(closure);
        int reports = redeploys("alex").size();

        // the ModelValidator's problem: a listener bean that does not exist
        Files.writeString(closure, replaceOnce(good, "delegateExpression=\"${recordStageListener}\"",
                "delegateExpression=\"${recordStageListenr}\""));
        JsonNode rejected = awaitReport(reports + 1);
        assertThat(rejected.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(texts(rejected.get("changedFiles"))).containsExactly("processes/case-closure.bpmn");
        assertThat(rejected.get("problems")).hasSize(1);
        JsonNode problem = rejected.get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo("processes/case-closure.bpmn");
        assertThat(problem.get("elementId").asText()).isEqualTo("closureSummary");
        assertThat(problem.get("problem").asText()).contains("'recordStageListenr', which does not exist");

        // the engine's own parse error, in a new model the ModelValidator has nothing against
        Files.writeString(closure, good);
        Path sandbox = workDir.resolve("processes/dev-sandbox.bpmn");
        Files.writeString(sandbox, """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="definitions_devSandbox"
                    targetNamespace="http://caseway.org/dev">
                  <process id="dev-sandbox" isExecutable="true" camunda:historyTimeToLive="P2557D">
                    <startEvent id="startEvent_sandbox"/>
                    <sequenceFlow id="flow_start_to_gateway" sourceRef="startEvent_sandbox" targetRef="gateway_which"/>
                    <exclusiveGateway id="gateway_which"/>
                    <sequenceFlow id="flow_gateway_to_a" sourceRef="gateway_which" targetRef="endEvent_a"/>
                    <sequenceFlow id="flow_gateway_to_b" sourceRef="gateway_which" targetRef="endEvent_b"/>
                    <endEvent id="endEvent_a"/>
                    <endEvent id="endEvent_b"/>
                  </process>
                </definitions>
                """);
        JsonNode refused = awaitReport(reports + 2);
        assertThat(refused.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(texts(refused.get("changedFiles"))).containsExactly("processes/dev-sandbox.bpmn");
        assertThat(refused.get("problems")).isNotEmpty().allSatisfy(engineProblem -> {
            assertThat(engineProblem.get("file").asText()).isEqualTo("processes/dev-sandbox.bpmn");
            assertThat(engineProblem.get("elementId").asText()).isEqualTo("gateway_which");
            assertThat(engineProblem.get("problem").asText()).contains("without condition");
        });

        assertThat(deploymentCount()).as("nothing was deployed").isEqualTo(deployments);
        assertThat(latestVersion("case-closure")).isEqualTo(3);
        assertThat(api.read(api.call("demo", HttpMethod.GET, "/engine-rest/process-definition/count?key=dev-sandbox",
                null)).get("count").asInt()).isZero();

        // undoing the change: the folders match the engine again
        Files.delete(sandbox);
        assertThat(awaitReport(reports + 3).get("outcome").asText()).isEqualTo("UP_TO_DATE");
        assertThat(deploymentCount()).isEqualTo(deployments);
    }

    /** Writes the file as an editor saves it and waits (bounded) for the version; returns the latency in ms. */
    private long saveAndWaitForVersion(String file, java.util.function.UnaryOperator<String> edit, String key,
                                       int version) throws IOException {
        Path path = workDir.resolve(file);
        String changed = edit.apply(Files.readString(path));
        long written = System.nanoTime();
        Files.writeString(path, changed);
        await().atMost(BOUND).pollInterval(Duration.ofMillis(25)).until(() -> latestVersion(key) == version);
        return (System.nanoTime() - written) / 1_000_000;
    }

    private JsonNode awaitReport(int count) {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(25)).until(() -> redeploys("alex").size() >= count);
        JsonNode reports = redeploys("alex");
        assertThat(reports).hasSize(count);
        return reports.get(0);
    }

    /** A case of mary's team whose closure (case-closure) waits at closureSummary. */
    private String caseInClosure() {
        String caseNumber = api.openCase("mary", "MENTAL_HEALTH");
        api.complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        ResponseEntity<String> requested = api.call("mary", HttpMethod.POST, "/api/cases/" + caseNumber
                + "/closure-request", "{\"reason\": \"CLIENT_REQUEST\"}");
        assertThat(requested.getStatusCode().value()).as(requested.getBody()).isEqualTo(202);
        return caseNumber;
    }

    /** The task's identity links (candidate users and groups), in a stable order. */
    private String candidates(String taskId) {
        List<String> links = new ArrayList<>();
        api.read(api.call("demo", HttpMethod.GET, "/engine-rest/task/" + taskId + "/identity-links", null))
                .forEach(link -> links.add(link.get("type").asText() + ":" + link.get("userId").asText()
                        + ":" + link.get("groupId").asText()));
        return links.stream().sorted().toList().toString();
    }

    private JsonNode task(String id) {
        return api.read(api.call("demo", HttpMethod.GET, "/engine-rest/task/" + id, null));
    }

    private JsonNode closureInstance(String caseNumber) {
        JsonNode instances = api.read(api.call("demo", HttpMethod.GET, "/engine-rest/process-instance?maxResults=10&businessKey="
                + caseNumber + "&processDefinitionKey=case-closure", null));
        assertThat(instances).as("case-closure instances of " + caseNumber).hasSize(1);
        return instances.get(0);
    }

    private int version(JsonNode instance) {
        return api.read(api.call("demo", HttpMethod.GET, "/engine-rest/process-definition/"
                + instance.get("definitionId").asText(), null)).get("version").asInt();
    }

    private int latestVersion(String key) {
        JsonNode latest = api.read(api.call("demo", HttpMethod.GET, "/engine-rest/process-definition?key=" + key
                + "&latestVersion=true&maxResults=10", null));
        return latest.isEmpty() ? 0 : latest.get(0).get("version").asInt();
    }

    private long deploymentCount() {
        return api.read(api.call("demo", HttpMethod.GET, "/engine-rest/deployment/count", null)).get("count").asLong();
    }

    private JsonNode redeploys(String user) {
        ResponseEntity<String> response = api.call(user, HttpMethod.GET, "/api/dev/deployments", null);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return api.read(response);
    }

    /** "file key vN [changed]" per deployed definition. */
    private static List<String> deployedVersions(JsonNode redeploy) {
        List<String> versions = new ArrayList<>();
        redeploy.get("deployed").forEach(file -> file.get("definitions").forEach(definition -> versions.add(
                file.get("file").asText() + " " + definition.get("key").asText() + " v" + definition.get("version").asInt()
                        + (file.get("changed").asBoolean() ? " changed" : ""))));
        return versions;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static String replaceOnce(String text, String from, String to) {
        assertThat(text).as("the file to edit").contains(from);
        int at = text.indexOf(from);
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }


}
