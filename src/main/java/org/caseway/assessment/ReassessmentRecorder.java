package org.caseway.assessment;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.note;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.stage.Markdown;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseMessages;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/**
 * Reassessment: what changed, the risk level now, and whether the plan must change. A new risk
 * level applies to the whole case (the pace of contacts follows it).
 */
@Component
class ReassessmentRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.REASSESSMENT,
            note("changesSinceLastAssessment", 4000).required(),
            choice("riskLevel", "LOW", "MEDIUM", "HIGH").required().routing(),
            note("riskReason", 2000).required(),
            choice("planChangeNeeded", "YES", "NO").required().routing());

    private final CaseFiles caseFiles;
    private final CaseMessages messages;

    ReassessmentRecorder(CaseFiles caseFiles, CaseMessages messages) {
        this.caseFiles = caseFiles;
        this.messages = messages;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void apply(StageData data, StageContext context) {
        caseFiles.updateRiskLevel(context.caseFile().id(), data.text("riskLevel"));
        messages.setOnCase(context.caseFile(), Variables.RISK_LEVEL, data.text("riskLevel"));
    }

    @Override
    public String summarize(StageData data) {
        return "Reassessed: risk " + data.text("riskLevel") + "; plan "
                + ("YES".equals(data.text("planChangeNeeded")) ? "to be revised" : "unchanged");
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        String reason = Variables.REASSESSMENT_REASON.from(task);
        task.setVariableLocal("reassessmentReason", reason == null
                ? "Reassessment due (scheduled, after a significant change, or after a crisis). Last risk level: "
                        + (context.caseFile().riskLevel() == null ? "not recorded" : context.caseFile().riskLevel())
                : "Requested: " + Markdown.text(reason));
    }
}
