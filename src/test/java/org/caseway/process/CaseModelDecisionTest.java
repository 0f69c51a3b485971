package org.caseway.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.caseway.casefile.CaseType;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The case-model DMN gives every case type exactly one default model. */
@Deployment(resources = "processes/case-model.dmn")
class CaseModelDecisionTest {

    /** Clinical where the agency delivers care itself (nursing, therapy); brokerage elsewhere. */
    private static final Map<CaseType, String> EXPECTED = Map.ofEntries(
            Map.entry(CaseType.MENTAL_HEALTH, "CLINICAL"), Map.entry(CaseType.SUBSTANCE_ABUSE, "CLINICAL"),
            Map.entry(CaseType.REHABILITATION, "BROKERAGE"), Map.entry(CaseType.LEGAL, "BROKERAGE"),
            Map.entry(CaseType.MEDICARE, "CLINICAL"), Map.entry(CaseType.HOME_HEALTH, "CLINICAL"),
            Map.entry(CaseType.DEVELOPMENTAL_DISABILITIES, "BROKERAGE"),
            Map.entry(CaseType.HEALTH_INSURANCE, "BROKERAGE"), Map.entry(CaseType.CHILD, "BROKERAGE"),
            Map.entry(CaseType.ACADEMIC, "BROKERAGE"), Map.entry(CaseType.JUVENILE, "BROKERAGE"),
            Map.entry(CaseType.PEDIATRIC, "CLINICAL"));

    @RegisterExtension
    static ProcessEngineCoverageExtension engine = ProcessTestSupport.engineWithCoverage();

    @ParameterizedTest
    @EnumSource(CaseType.class)
    void everyCaseTypeHasADefaultModel(CaseType caseType) {
        var result = engine.getDecisionService().evaluateDecisionTableByKey(CaseProcess.CASE_MODEL_DECISION)
                .variables(Variables.createVariables().putValue("caseType", caseType.name()))
                .evaluate();

        assertThat(result).hasSize(1);
        assertThat((String) result.getSingleResult().getSingleEntry()).isEqualTo(EXPECTED.get(caseType));
    }
}
