package org.caseway.coordination;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.note;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.stereotype.Component;

/** The provider did not answer in time: the case manager chases them and records the answer. */
@Component
class ReferralFollowUpRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.REFERRAL_FOLLOW_UP,
            choice("followUpOutcome", "RESPONSE_RECEIVED", "KEEP_WAITING").required().routing(),
            choice("providerResponse", ReferralResponses.RESPONSES.toArray(String[]::new)).routing(),
            note("responseNotes", 2000));

    private final ServicePlans plans;

    ReferralFollowUpRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if ("RESPONSE_RECEIVED".equals(data.text("followUpOutcome")) && !data.has("providerResponse")) {
            problems.add("providerResponse", "is required when the provider answered");
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        if ("RESPONSE_RECEIVED".equals(data.text("followUpOutcome"))) {
            plans.updateServiceStatus(context.serviceId(), data.text("providerResponse"));
        }
    }

    @Override
    public String summarize(StageData data) {
        return "RESPONSE_RECEIVED".equals(data.text("followUpOutcome"))
                ? "Provider followed up: " + data.text("providerResponse").toLowerCase()
                : "Provider followed up: no answer yet, still waiting";
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        ServiceDisplay.prepare(plans, task, context);
        // an earlier "keep waiting" must not be preselected
        org.caseway.process.CaseProcess.Variables.FOLLOW_UP_OUTCOME.remove(task);
        org.caseway.process.CaseProcess.Variables.PROVIDER_RESPONSE.remove(task);
    }
}
