package org.caseway.assessment;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.note;

import java.util.List;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.stereotype.Component;

/** Needs assessment: the life domains and the risk level the monitoring pace follows. */
@Component
class NeedsAssessmentRecorder implements StageRecorder {

    static final List<String> DOMAINS = List.of("needHealth", "needMentalHealth", "needHousing", "needIncome",
            "needLegal", "needFamilySocial", "needSubstanceUse");

    private static final StageForm FORM = StageForm.of(Tasks.NEEDS_ASSESSMENT,
            choice("needHealth", "NEED", "NO_NEED").required(),
            choice("needMentalHealth", "NEED", "NO_NEED").required(),
            choice("needHousing", "NEED", "NO_NEED").required(),
            choice("needIncome", "NEED", "NO_NEED").required(),
            choice("needLegal", "NEED", "NO_NEED").required(),
            choice("needFamilySocial", "NEED", "NO_NEED").required(),
            choice("needSubstanceUse", "NEED", "NO_NEED").required(),
            note("assessmentNotes", 4000),
            note("strengths", 2000),
            note("clientGoals", 2000),
            choice("riskLevel", "LOW", "MEDIUM", "HIGH").required().routing(),
            note("riskReason", 2000).required());

    private final CaseFiles caseFiles;

    NeedsAssessmentRecorder(CaseFiles caseFiles) {
        this.caseFiles = caseFiles;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void apply(StageData data, StageContext context) {
        caseFiles.updateRiskLevel(context.caseFile().id(), data.text("riskLevel"));
    }

    @Override
    public String summarize(StageData data) {
        long needs = DOMAINS.stream().filter(d -> "NEED".equals(data.text(d))).count();
        return "Needs assessed: " + needs + " of " + DOMAINS.size() + " life domains with a need; risk "
                + data.text("riskLevel");
    }
}
