package org.caseway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.community.process_test_coverage.core.export.CoverageStateJsonExporter;
import org.camunda.community.process_test_coverage.core.export.CoverageStateResult;
import org.camunda.community.process_test_coverage.core.model.Event;
import org.camunda.community.process_test_coverage.core.model.EventSource;
import org.camunda.community.process_test_coverage.core.model.Model;
import org.camunda.community.process_test_coverage.core.model.Run;
import org.camunda.community.process_test_coverage.core.model.Suite;
import org.camunda.community.process_test_coverage.report.CoverageReportUtil;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs after the process tests (surefire execution {@code process-coverage}, after {@code process-tests}):
 * reads the coverage report every process test class wrote and requires the suite as a whole to run every
 * flow node and every sequence flow of every model in {@code processes/}. A failure names the model and
 * the ids nothing ran. Also writes the suite's combined report to {@code all-process-tests/report.html}
 * and a table of the figures to {@code summary.txt} in the report folder. (The HTML overview's percentage
 * of a suite counts an element id used in two models once, so "All process tests" reads 99.5% at full
 * coverage: {@code startEvent_crisisReported} is in case-management and crisis-intervention. This check
 * and the summary count per model.)
 */
class ProcessCoverageCheck {

    private static final Path MODELS = Path.of("processes");
    private static final Path REPORTS = Path.of(CoverageReportUtil.TARGET_DIR_ROOT);
    private static final String COMBINED = "all-process-tests";

    @TestFactory
    Stream<DynamicTest> everyFlowNodeAndSequenceFlowOfEveryModelIsCovered() throws IOException {
        CoverageStateResult reports = readReports();
        writeCombinedReport(reports);
        List<ModelCoverage> models = new ArrayList<>();
        for (Path file : bpmnFiles()) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            for (Process process : model.getModelElementsByType(Process.class)) {
                if (process.isExecutable()) {
                    models.add(ModelCoverage.of(file, model, process.getId(), reports));
                }
            }
        }
        assertThat(models).as("executable processes in %s", MODELS.toAbsolutePath()).isNotEmpty();
        writeSummary(models);
        return models.stream().map(model -> DynamicTest.dynamicTest(model.summary(), model::assertFullyCovered));
    }

    private static List<Path> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MODELS)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    /** Every test class's report.json, as one result (suites of all classes, each model once). */
    private static CoverageStateResult readReports() throws IOException {
        List<Path> jsons;
        try (Stream<Path> files = Files.exists(REPORTS) ? Files.walk(REPORTS, 2) : Stream.empty()) {
            jsons = files.filter(f -> f.getFileName().toString().equals("report.json"))
                    .filter(f -> !f.getParent().getFileName().toString().equals(COMBINED)).sorted().toList();
        }
        assertThat(jsons).as("process test coverage reports in %s: run the process-tests execution first",
                REPORTS.toAbsolutePath()).isNotEmpty();
        String combined = CoverageStateJsonExporter.createCoverageStateResult(List.of(), List.of());
        for (Path json : jsons) {
            combined = CoverageStateJsonExporter.combineCoverageStateResults(combined,
                    Files.readString(json, StandardCharsets.UTF_8));
        }
        return CoverageStateJsonExporter.readCoverageStateResult(combined);
    }

    /** The test classes' suites, led by one suite that holds every event of them all: the suite's coverage. */
    private static void writeCombinedReport(CoverageStateResult reports) {
        Run everyTest = new Run(COMBINED, "All process tests");
        reports.getEvents().forEach(everyTest::addEvent);
        Suite allProcessTests = new Suite(COMBINED, "All process tests");
        allProcessTests.addRun(everyTest);
        List<Suite> suites = new ArrayList<>(List.of(allProcessTests));
        suites.addAll(reports.getSuites());
        String json = CoverageStateJsonExporter.createCoverageStateResult(suites, reports.getModels());
        Path directory = REPORTS.resolve(COMBINED);
        CoverageReportUtil.writeReport(json, true, directory.toFile(), "report.json", result -> result);
        CoverageReportUtil.writeReport(json, true, directory.toFile(), "report.html",
                CoverageReportUtil::generateHtml);
    }

    private static void writeSummary(List<ModelCoverage> models) throws IOException {
        StringBuilder table = new StringBuilder(String.format("%-22s %12s %16s%n", "model", "flow nodes",
                "sequence flows"));
        for (ModelCoverage model : models) {
            table.append(String.format("%-22s %5d / %-4d %7d / %-4d%n", model.key, model.coveredNodes(),
                    model.flowNodes.size(), model.coveredFlows(), model.sequenceFlows.size()));
        }
        Files.writeString(REPORTS.resolve("summary.txt"), table, StandardCharsets.UTF_8);
        System.out.print(table);
    }

    /** One model's flow nodes and sequence flows (as the coverage library counts them), and what ran. */
    private record ModelCoverage(String key, Path file, Set<String> flowNodes, Set<String> sequenceFlows,
            Set<String> ranNodes, Set<String> takenFlows, Integer reportedElementCount) {

        static ModelCoverage of(Path file, BpmnModelInstance model, String key, CoverageStateResult reports) {
            Set<FlowNode> nodes = model.getModelElementsByType(FlowNode.class).stream()
                    .filter(node -> key.equals(processOf(node))).collect(Collectors.toSet());
            Set<String> flowNodes = ids(nodes.stream().map(FlowNode::getId));
            Set<String> sequenceFlows = ids(model.getModelElementsByType(SequenceFlow.class).stream()
                    .filter(flow -> nodes.contains(flow.getSource())).map(SequenceFlow::getId));
            Map<EventSource, Set<String>> ran = new HashMap<>();
            for (Event event : reports.getEvents(key)) {
                ran.computeIfAbsent(event.getSource(), s -> new TreeSet<>()).add(event.getDefinitionKey());
            }
            Integer reported = reports.getModels().stream().filter(m -> m.getKey().equals(key))
                    .map(Model::getTotalElementCount).findFirst().orElse(null);
            return new ModelCoverage(key, file, flowNodes, sequenceFlows,
                    ran.getOrDefault(EventSource.FLOW_NODE, Set.of()),
                    ran.getOrDefault(EventSource.SEQUENCE_FLOW, Set.of()), reported);
        }

        /** The id of the process an element belongs to, however deep in sub processes. */
        private static String processOf(ModelElementInstance element) {
            for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
                if (e instanceof Process process) {
                    return process.getId();
                }
            }
            return null;
        }

        private static Set<String> ids(Stream<String> ids) {
            return ids.collect(Collectors.toCollection(TreeSet::new));
        }

        long coveredNodes() {
            return flowNodes.stream().filter(ranNodes::contains).count();
        }

        long coveredFlows() {
            return sequenceFlows.stream().filter(takenFlows::contains).count();
        }

        String summary() {
            return String.format("%s: %d/%d flow nodes, %d/%d sequence flows", key, coveredNodes(),
                    flowNodes.size(), coveredFlows(), sequenceFlows.size());
        }

        /** Fails naming the model and every flow node and sequence flow no test ran, on one line for the log. */
        void assertFullyCovered() {
            Set<String> missedNodes = new LinkedHashSet<>(flowNodes);
            missedNodes.removeAll(ranNodes);
            Set<String> missedFlows = new LinkedHashSet<>(sequenceFlows);
            missedFlows.removeAll(takenFlows);
            List<String> problems = new ArrayList<>();
            if (!missedNodes.isEmpty()) {
                problems.add("flow nodes no process test ran: " + missedNodes);
            }
            if (!missedFlows.isEmpty()) {
                problems.add("sequence flows no process test took: " + missedFlows);
            }
            // the library counts a model the same way (its reports hold the models some test ran)
            int elements = flowNodes.size() + sequenceFlows.size();
            if (reportedElementCount != null && reportedElementCount != elements) {
                problems.add("the coverage library counts " + reportedElementCount + " flow nodes and sequence flows, "
                        + "this check " + elements);
            }
            if (!problems.isEmpty()) {
                fail("model " + key + " (" + file + ") is not fully covered: " + String.join("; ", problems));
            }
        }
    }
}
