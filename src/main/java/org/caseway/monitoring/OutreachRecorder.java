package org.caseway.monitoring;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.note;

import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** Three contacts in a row were missed: outreach either reaches the client or the case closes as lost contact. */
@Component
class OutreachRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.OUTREACH,
            note("outreachAttempts", 2000).required(),
            choice("outreachOutcome", "REACHED", "FAILED").required().routing());


    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void apply(StageData data, StageContext context) {
        if ("REACHED".equals(data.text("outreachOutcome"))) {
            Variables.MISSED_CONTACTS.set(context.task().getExecution(), 0L);
        } else {
            Variables.CLOSURE_REASON.set(context.task().getExecution(), "LOST_CONTACT");
        }
    }

    @Override
    public String summarize(StageData data) {
        return "REACHED".equals(data.text("outreachOutcome")) ? "Outreach reached the client"
                : "Outreach failed: the case moves to closure as lost contact";
    }
}
