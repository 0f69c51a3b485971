package org.caseway.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.caseway.CasewayApplication;
import org.caseway.process.CaseProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every model in processes/ and form in forms/ passes the ModelValidator against the real application
 * context; models broken on purpose (src/test/resources/broken-models/) are each rejected with the file, the
 * element id and the problem. Also the checks that need the sources: every message of the models is a
 * CaseProcess constant that production code correlates, and the handbook lists exactly the models' user tasks.
 * Shares the usual {"demo", "test"} context (one engine in the JVM).
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class ModelValidationTest {

    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    private static final Path BROKEN = Path.of("src", "test", "resources", "broken-models");

    @Autowired
    ModelValidator validator;

    @Test
    void everyModelAndFormIsValid() {
        List<ModelResource> all = ModelResource.readAll(PROCESSES, FORMS);
        // not vacuous: every process and decision key Caseway's code names has its file
        Set<String> names = all.stream().map(ModelResource::name).collect(Collectors.toSet());
        for (String key : keysOfCaseProcess()) {
            assertThat(names).as("model of %s", key)
                    .containsAnyOf("processes/" + key + ".bpmn", "processes/" + key + ".dmn");
        }
        assertThat(all.stream().filter(ModelResource::isForm)).hasSizeGreaterThanOrEqualTo(20);

        assertThat(validator.validate(all)).isEmpty();
    }

    @Test
    void everyMessageOfTheModelsIsOneCasewayCorrelates() throws IOException {
        Set<String> inModels = new TreeSet<>();
        for (BpmnModelInstance model : realProcesses()) {
            model.getModelElementsByType(Message.class).forEach(message -> inModels.add(message.getName()));
        }
        assertThat(inModels).isEqualTo(new TreeSet<>(ModelValidator.correlatedMessages(CaseProcess.class)));

        // and each constant is used by production code other than its declaration: the code path that correlates it
        String otherSources;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            otherSources = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.endsWith(Path.of("org", "caseway", "process", "CaseProcess.java")))
                    .map(ModelValidationTest::read).collect(Collectors.joining("\n"));
        }
        List<String> unused = Arrays.stream(CaseProcess.class.getFields())
                .map(Field::getName).filter(name -> name.startsWith("MESSAGE_"))
                .filter(name -> !otherSources.matches("(?s).*\\b" + name + "\\b.*")).toList();
        assertThat(unused).as("MESSAGE_* constants no production code uses").isEmpty();
    }

    @Test
    void theHandbookListsExactlyTheUserTasksOfTheModels() throws IOException {
        List<String> lines = Files.readAllLines(PROCESSES.resolve("README.md"));
        int start = lines.indexOf("## User tasks");
        assertThat(start).as("section \"## User tasks\" in processes/README.md").isNotNegative();
        Set<String> listed = new TreeSet<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| `")) {
                listed.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        Set<String> inModels = new TreeSet<>();
        for (BpmnModelInstance model : realProcesses()) {
            model.getModelElementsByType(UserTask.class).forEach(task -> inModels.add(task.getId()));
        }
        assertThat(inModels).hasSizeGreaterThanOrEqualTo(20);
        assertThat(listed).isEqualTo(inModels);
    }

    static Stream<Arguments> brokenModels() {
        return Stream.of(
                arguments("unknown-delegate.bpmn", List.of(
                        new Expected("serviceTask_notifyCourt", "calls bean 'notifyCourtDelegate', which does not exist"))),
                arguments("missing-form.bpmn", List.of(
                        new Expected("reviewDocuments", "camunda:formRef 'reviewDocuments' is not the id of any form"))),
                arguments("missing-sla.bpmn", List.of(
                        new Expected("reviewDocuments", "no task listener ${slaClock} on 'delete'"),
                        new Expected("reviewDocuments", "no timeout listener 'slaSecondEscalation'"))),
                arguments("missing-history-ttl.bpmn", List.of(
                        new Expected("broken-missing-history-ttl", "has no camunda:historyTimeToLive"))),
                arguments("no-assignment.bpmn", List.of(
                        new Expected("reviewDocuments", "has no assignment"))),
                arguments("wrong-decision.bpmn", List.of(
                        new Expected("businessRuleTask_courtRules", "'court-rules' is not the id of any decision"),
                        new Expected("businessRuleTask_deadlines", "singleEntry takes the one output of a decision, but"
                                + " 'sla-policy' has 4 outputs"),
                        new Expected("businessRuleTask_slaTerms", "uses output 'escalation', which decision 'sla-policy'"
                                + " does not have"))),
                arguments("unknown-message.bpmn", List.of(
                        new Expected("message_courtOrderReceived", "'CourtOrderReceived' is not correlated by any Caseway"
                                + " code"))),
                arguments("not-bpmn.bpmn", List.of(
                        new Expected(null, "cannot be read as BPMN: line 4"))),
                arguments("valid.bpmn", List.of()),
                arguments("apply-sla.bpmn", List.of()));
    }

    record Expected(String elementId, String problem) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenModels")
    void aBrokenModelIsRejectedNamingFileAndElement(String fixture, List<Expected> expected) throws IOException {
        // with the real forms and decisions, so that cross-file references resolve as they do for real models
        List<ModelResource> resources = new ArrayList<>(ModelResource.readAll(FORMS, PROCESSES).stream()
                .filter(r -> !r.isBpmn()).toList());
        resources.add(new ModelResource("broken-models/" + fixture, Files.readAllBytes(BROKEN.resolve(fixture))));

        List<ModelProblem> problems = validator.validate(resources);

        assertThat(problems).as(fixture).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            ModelProblem problem = problems.get(i);
            assertThat(problem.file()).isEqualTo("broken-models/" + fixture);
            assertThat(problem.elementId()).as(problem.toString()).isEqualTo(expected.get(i).elementId());
            assertThat(problem.problem()).contains(expected.get(i).problem());
            assertThat(problem.toString()).startsWith("broken-models/" + fixture
                    + (problem.elementId() == null ? ": " : ", element " + problem.elementId() + ": "));
        }
    }

    private static List<BpmnModelInstance> realProcesses() {
        return ModelResource.readAll(PROCESSES).stream().filter(ModelResource::isBpmn)
                .map(r -> Bpmn.readModelFromStream(new ByteArrayInputStream(r.bytes()))).toList();
    }

    /** The values of CaseProcess's *_KEY, KEY and *_DECISION constants. */
    private static List<String> keysOfCaseProcess() {
        List<String> keys = new ArrayList<>();
        for (Field field : CaseProcess.class.getFields()) {
            if (field.getName().equals("KEY") || field.getName().endsWith("_KEY") || field.getName().endsWith("_DECISION")) {
                try {
                    keys.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(keys).hasSizeGreaterThanOrEqualTo(10);
        return keys;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
