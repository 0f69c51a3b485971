package org.caseway.closure;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.note;
import static org.caseway.casefile.stage.FormField.text;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.stage.FormField;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.planning.PlanSummaries;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** The case manager proposes closure: the reason and the outcome against each goal. */
@Component
class ClosureSummaryRecorder implements StageRecorder {

    static final String[] REASONS = {"GOALS_MET", "CLIENT_REQUEST", "LOST_CONTACT", "TRANSFERRED", "DECEASED"};

    private static final StageForm FORM = new StageForm(Tasks.CLOSURE_SUMMARY, fields());

    private final ServicePlans plans;

    ClosureSummaryRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    private static List<FormField> fields() {
        List<FormField> fields = new ArrayList<>();
        fields.add(choice("closureReason", REASONS).required());
        fields.add(text("transferredTo", 200));
        for (int n = 1; n <= 3; n++) {
            fields.add(choice("goal" + n + "Outcome", "MET", "PARTIALLY_MET", "NOT_MET"));
        }
        fields.add(text("postClosureReferrals", 2000));
        fields.add(note("closureNotes", 4000));
        return List.copyOf(fields);
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if ("TRANSFERRED".equals(data.text("closureReason")) && !data.has("transferredTo")) {
            problems.add("transferredTo", "is required when the case is transferred");
        }
        plans.approved(context.caseFile().id()).ifPresent(plan -> plan.goals().stream()
                .map(goal -> "goal" + goal.goalNo() + "Outcome")
                .filter(field -> !data.has(field))
                .forEach(field -> problems.add(field, "is required for each goal of the plan")));
    }

    @Override
    public void apply(StageData data, StageContext context) {
        // the reason and the goals' outcomes are proposed here and become final when the supervisor approves
        // the supervisor's earlier comments on a returned closure have been acted on
        Variables.CLOSURE_REVIEW_COMMENTS.remove(context.task());
    }

    @Override
    public String summarize(StageData data) {
        return "Closure proposed: " + data.text("closureReason").toLowerCase().replace('_', ' ');
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        plans.approved(context.caseFile().id()).ifPresent(plan -> {
            PlanSummaries.exposeGoals(task, plan);
            Variables.GOALS_SUMMARY.setLocal(task, PlanSummaries.goals(plan));
        });
    }
}
