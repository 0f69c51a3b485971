package org.caseway.intake;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.flag;
import static org.caseway.casefile.stage.FormField.note;
import static org.caseway.casefile.stage.FormField.text;

import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.stereotype.Component;

/** Intake screening: eligibility, consent (autonomy) and the urgent-risk screen. */
@Component
class IntakeRecorder implements StageRecorder {

    static final String ACCEPTED = "ACCEPTED";
    static final String NOT_ELIGIBLE = "NOT_ELIGIBLE";

    private static final StageForm FORM = StageForm.of(Tasks.INTAKE,
            choice("intakeOutcome", ACCEPTED, NOT_ELIGIBLE).required().routing(),
            note("eligibilityNotes", 2000),
            text("referredTo", 200),
            flag("consentToServices"),
            flag("consentToShare"),
            text("consentShareWith", 500),
            date("consentExpiresOn"),
            flag("urgentRisk").routing(),
            choice("urgentRiskType", "SELF_HARM", "HARM_TO_OTHERS", "UNSAFE_HOUSING", "MEDICAL_EMERGENCY", "OTHER"),
            flag("interpreterNeeded"),
            text("emergencyContactName", 200),
            text("emergencyContactPhone", 20).matching("^[+0-9 ()-]{6,20}$"));

    private final CaseFiles caseFiles;

    IntakeRecorder(CaseFiles caseFiles) {
        this.caseFiles = caseFiles;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        boolean accepted = ACCEPTED.equals(data.text("intakeOutcome"));
        if (accepted && !data.flag("consentToServices")) {
            problems.add("consentToServices", "must be given by the client to accept the case");
        }
        if (!accepted && !data.has("referredTo")) {
            problems.add("referredTo", "is required when the client is not eligible");
        }
        if (data.flag("consentToShare") && !data.has("consentShareWith")) {
            problems.add("consentShareWith", "is required when the client consents to share information");
        }
        if (data.flag("urgentRisk") && !data.has("urgentRiskType")) {
            problems.add("urgentRiskType", "is required when an urgent risk is flagged");
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        long caseId = context.caseFile().id();
        caseFiles.recordIntake(caseId, data.flag("consentToServices"), data.flag("consentToShare"),
                data.text("consentShareWith"), data.date("consentExpiresOn"), data.flag("urgentRisk"),
                data.text("referredTo"));
        if (NOT_ELIGIBLE.equals(data.text("intakeOutcome"))) {
            caseFiles.updateClosureReason(caseId, NOT_ELIGIBLE);
        }
    }

    @Override
    public String summarize(StageData data) {
        String outcome = ACCEPTED.equals(data.text("intakeOutcome")) ? "accepted" : "not eligible, referred elsewhere";
        return "Intake screened: " + outcome + (data.flag("urgentRisk") ? "; urgent risk flagged" : "")
                + "; consent to share: " + (data.flag("consentToShare") ? "yes" : "no");
    }
}
