package org.caseway.coordination;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.note;
import static org.caseway.casefile.stage.FormField.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.stereotype.Component;

/** Brokerage: the referral to the external provider, sharing only what the client consented to. */
@Component
class ReferServiceRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.REFER_SERVICE,
            text("provider", 200).required(),
            date("referralSentOn").required(),
            choice("referralChannel", "SECURE_EMAIL", "FAX", "PHONE", "PROVIDER_PORTAL", "IN_PERSON").required(),
            text("informationShared", 2000),
            note("referralNotes", 2000));

    private final ServicePlans plans;

    ReferServiceRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if (data.has("referralSentOn") && data.date("referralSentOn").isAfter(CaseClock.now().toLocalDate())) {
            problems.add("referralSentOn", "must not be in the future");
        }
        if (data.has("informationShared")) {
            if (!Boolean.TRUE.equals(context.caseFile().consentToShare())) {
                problems.add("informationShared", "must be empty: the client has not consented to share information");
            } else if (context.caseFile().consentExpiresOn() != null
                    && context.caseFile().consentExpiresOn().isBefore(CaseClock.now().toLocalDate())) {
                problems.add("informationShared", "must be empty: the client's consent to share expired on "
                        + context.caseFile().consentExpiresOn());
            }
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        plans.updateServiceProvider(context.serviceId(), data.text("provider"));
        plans.updateServiceStatus(context.serviceId(), "REFERRED");
    }

    @Override
    public String summarize(StageData data) {
        return "Referral sent to " + data.text("provider") + " by "
                + data.text("referralChannel").toLowerCase().replace('_', ' ');
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        ServiceDisplay.prepare(plans, task, context);
        plans.service(context.serviceId()).filter(s -> "DECLINED".equals(s.status())).ifPresent(s ->
                task.setVariableLocal("referralNotice", "The referral to " + org.caseway.casefile.stage.Markdown.text(
                        s.provider()) + " was declined (the reason is in the case timeline and notes). "
                        + "Refer again, to this or another provider."));
        org.caseway.process.CaseProcess.Variables.PROVIDER_RESPONSE.remove(task);
        String consent = Boolean.TRUE.equals(context.caseFile().consentToShare())
                ? "The client consents to share information with: "
                        + org.caseway.casefile.stage.Markdown.text(context.caseFile().consentShareWith())
                        + (context.caseFile().consentExpiresOn() == null ? "" : ", until " + context.caseFile().consentExpiresOn())
                : "The client has **not** consented to share information: share nothing with the provider.";
        task.setVariableLocal("consentSummary", consent);
    }
}
