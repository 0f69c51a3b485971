package org.caseway.closure;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.text;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseRecords;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.planning.PlanSummaries;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** The supervisor approves the closure or returns the case to monitoring. */
@Component
class ClosureApprovalRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.APPROVE_CLOSURE,
            choice("closureDecision", "APPROVED", "RETURNED").required().routing(),
            text("closureReviewComments", 2000).routing());

    private final CaseRecords records;
    private final ServicePlans plans;
    private final org.caseway.casefile.CaseFiles caseFiles;

    ClosureApprovalRecorder(CaseRecords records, ServicePlans plans, org.caseway.casefile.CaseFiles caseFiles) {
        this.caseFiles = caseFiles;
        this.records = records;
        this.plans = plans;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if ("RETURNED".equals(data.text("closureDecision")) && !data.has("closureReviewComments")) {
            problems.add("closureReviewComments", "is required when the closure is returned");
        }
        if (records.latestRecordedBy(context.caseFile().id(), Tasks.CLOSURE_SUMMARY)
                .filter(author -> author.equals(context.userId())).isPresent()) {
            problems.add("closureDecision", "must come from someone other than the closure summary's author (four eyes)");
        }
    }

    @Override
    public String summarize(StageData data) {
        return "APPROVED".equals(data.text("closureDecision")) ? "Closure approved" : "Closure returned to monitoring";
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        Map<String, Object> summary = records.latest(context.caseFile().id(), Tasks.CLOSURE_SUMMARY);
        StringBuilder md = new StringBuilder("Reason: **")
                .append(PlanSummaries.label((String) summary.getOrDefault("closureReason", "not recorded")))
                .append("**\n\n");
        plans.approved(context.caseFile().id()).ifPresent(plan -> plan.goals().forEach(goal -> md.append("- Goal ")
                .append(goal.goalNo()).append(": ").append(org.caseway.casefile.stage.Markdown.text(goal.description()))
                .append(" — proposed outcome **")
                .append(PlanSummaries.label((String) summary.get("goal" + goal.goalNo() + "Outcome"))).append("**\n")));
        Object referrals = summary.get("postClosureReferrals");
        if (referrals != null) {
            md.append("\nReferrals after closure: ").append(org.caseway.casefile.stage.Markdown.text(referrals)).append('\n');
        }
        Variables.CLOSURE_SUMMARY_TEXT.setLocal(task, md.toString());
        // a returned closure's decision must not be preselected for the next review
        Variables.CLOSURE_DECISION.remove(task);
    }

    @Override
    public void apply(StageData data, StageContext context) {
        if (!"APPROVED".equals(data.text("closureDecision"))) {
            return;
        }
        // the reason and the goals' outcomes become the case's only with the supervisor's approval
        Map<String, Object> summary = records.latest(context.caseFile().id(), Tasks.CLOSURE_SUMMARY);
        caseFiles.updateClosureReason(context.caseFile().id(), (String) summary.get("closureReason"));
        plans.approved(context.caseFile().id()).ifPresent(plan -> plan.goals().forEach(goal -> {
            Object outcome = summary.get("goal" + goal.goalNo() + "Outcome");
            if (outcome != null) {
                plans.updateGoalStatus(plan.id(), goal.goalNo(), outcome.toString());
            }
        }));
    }
}
