package org.caseway.planning;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.ServicePlans.Plan;
import org.caseway.casefile.ServicePlans.PlanStatus;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** The supervisor approves the plan or returns it with comments. */
@Component
class PlanApprovalRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.APPROVE_SERVICE_PLAN,
            choice("planDecision", "APPROVED", "RETURNED").required().routing(),
            text("reviewComments", 2000).routing());

    private final ServicePlans plans;

    PlanApprovalRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if ("RETURNED".equals(data.text("planDecision")) && !data.has("reviewComments")) {
            problems.add("reviewComments", "is required when the plan is returned");
        }
        var submitted = plans.latest(context.caseFile().id()).filter(p -> p.status() == PlanStatus.SUBMITTED);
        if (submitted.isEmpty()) {
            problems.add("planDecision", "has no submitted plan to decide on");
        } else if (submitted.get().submittedBy().equals(context.userId())) {
            problems.add("planDecision", "must come from someone other than the plan's author (four eyes)");
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        Plan plan = plans.latest(context.caseFile().id()).orElseThrow();
        PlanStatus status = PlanStatus.valueOf(data.text("planDecision"));
        plans.decide(plan.id(), status, context.userId(), data.text("reviewComments"));
        if (status == PlanStatus.APPROVED) {
            Variables.REVIEW_COMMENTS.remove(context.task());
        }
    }

    @Override
    public String summarize(StageData data) {
        return "APPROVED".equals(data.text("planDecision")) ? "Service plan approved" : "Service plan returned with comments";
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        plans.latest(context.caseFile().id())
                .ifPresent(plan -> Variables.PLAN_SUMMARY.setLocal(task, PlanSummaries.plan(plan)));
        // a returned plan's decision must not be preselected for the next review
        Variables.PLAN_DECISION.remove(task);
    }
}
