package org.caseway.monitoring;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.flag;
import static org.caseway.casefile.stage.FormField.note;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.ServicePlans.Goal;
import org.caseway.casefile.ServicePlans.Plan;
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

/** A contact with the client: reached or not, progress on each goal, barriers, significant change. */
@Component
class FollowUpContactRecorder implements StageRecorder {

    private static final StageForm FORM = new StageForm(Tasks.FOLLOW_UP_CONTACT, fields());

    private final ServicePlans plans;

    FollowUpContactRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    private static List<FormField> fields() {
        List<FormField> fields = new ArrayList<>(List.of(
                date("contactDate").required(),
                choice("contactMode", "IN_PERSON", "PHONE", "VIDEO", "HOME_VISIT").required(),
                choice("clientReached", "YES", "NO").required()));
        for (int n = 1; n <= 3; n++) {
            fields.add(choice("goal" + n + "Progress", "NONE", "SOME", "MET"));
        }
        fields.addAll(List.of(note("barriers", 2000), flag("significantChange").routing(), date("nextContactDate"),
                choice("nextStep", "CONTINUE", "PROPOSE_CLOSURE").required().routing(), note("contactNotes", 4000)));
        return List.copyOf(fields);
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if (data.has("contactDate") && data.date("contactDate").isAfter(CaseClock.now().toLocalDate())) {
            problems.add("contactDate", "must not be in the future");
        }
        if (data.has("nextContactDate") && data.has("contactDate")
                && data.date("nextContactDate").isBefore(data.date("contactDate"))) {
            problems.add("nextContactDate", "must not be before the contact date");
        }
        if ("YES".equals(data.text("clientReached"))) {
            plans.approved(context.caseFile().id()).ifPresent(plan -> plan.goals().stream()
                    .map(goal -> "goal" + goal.goalNo() + "Progress")
                    .filter(field -> !data.has(field))
                    .forEach(field -> problems.add(field, "is required for each goal of the plan")));
        }
    }

    /**
     * Keeps the counters the monitoring cycle routes on: missed contacts in a row (three open an
     * outreach task) and reached contacts in a row without progress on any goal (with HIGH risk,
     * two call a case conference).
     */
    @Override
    public void apply(StageData data, StageContext context) {
        var execution = context.task().getExecution();
        boolean reached = "YES".equals(data.text("clientReached"));
        long missed = reached ? 0 : orZero(Variables.MISSED_CONTACTS.from(execution)) + 1;
        Variables.MISSED_CONTACTS.set(execution, missed);
        long noProgress = orZero(Variables.NO_PROGRESS_CONTACTS.from(execution));
        if (reached) {
            boolean anyProgress = java.util.stream.IntStream.rangeClosed(1, 3)
                    .mapToObj(n -> data.text("goal" + n + "Progress"))
                    .anyMatch(p -> p != null && !"NONE".equals(p));
            noProgress = anyProgress ? 0 : noProgress + 1;
        }
        Variables.NO_PROGRESS_CONTACTS.set(execution, noProgress);
        if ("PROPOSE_CLOSURE".equals(data.text("nextStep"))) {
            Variables.CLOSURE_REASON.set(execution, "GOALS_MET");
        }
        plans.approved(context.caseFile().id()).ifPresent(plan -> plan.goals().stream()
                .filter(goal -> "MET".equals(data.text("goal" + goal.goalNo() + "Progress")))
                .forEach(goal -> plans.updateGoalStatus(plan.id(), goal.goalNo(), "MET")));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    @Override
    public String summarize(StageData data) {
        return "Follow-up contact (" + data.text("contactMode").toLowerCase().replace('_', ' ') + "): client "
                + ("YES".equals(data.text("clientReached")) ? "reached" : "not reached")
                + (data.flag("significantChange") ? "; significant change reported" : "");
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        String comments = Variables.CLOSURE_REVIEW_COMMENTS.from(task);
        if (comments != null && !comments.isBlank()) {
            task.setVariableLocal("closureReviewCommentsText", org.caseway.casefile.stage.Markdown.text(comments));
        }
        Plan plan = plans.approved(context.caseFile().id()).orElse(null);
        if (plan != null) {
            PlanSummaries.exposeGoals(task, plan);
            Variables.GOALS_SUMMARY.setLocal(task, PlanSummaries.goals(plan));
        }
    }

}
