package org.caseway.closure;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.note;

import org.caseway.casefile.CaseClock;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.stereotype.Component;

/** The one check with the client after closure (30 days later by default). */
@Component
class PostClosureCheckRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.POST_CLOSURE_CHECK,
            date("checkDate").required(),
            choice("clientContacted", "YES", "NO").required(),
            choice("clientStatus", "STABLE", "NEEDS_SUPPORT", "REOPEN_RECOMMENDED", "NOT_REACHED").required(),
            note("checkNotes", 4000));

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if (data.has("checkDate") && data.date("checkDate").isAfter(CaseClock.now().toLocalDate())) {
            problems.add("checkDate", "must not be in the future");
        }
    }

    @Override
    public String summarize(StageData data) {
        return "Post-closure check: " + data.text("clientStatus").toLowerCase().replace('_', ' ');
    }
}
