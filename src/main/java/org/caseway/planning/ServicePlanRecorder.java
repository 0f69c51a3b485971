package org.caseway.planning;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.flag;
import static org.caseway.casefile.stage.FormField.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.ServicePlans.Goal;
import org.caseway.casefile.ServicePlans.Plan;
import org.caseway.casefile.ServicePlans.PlannedService;
import org.caseway.casefile.stage.FormField;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.stereotype.Component;

/** Service plan: up to three goals and three services, each service with provider and target date. */
@Component
class ServicePlanRecorder implements StageRecorder {

    static final int SLOTS = 3;
    static final String[] SERVICE_TYPES = {"COUNSELLING", "MEDICAL_CARE", "HOUSING_SUPPORT", "EMPLOYMENT_SUPPORT",
            "BENEFITS_ADVICE", "LEGAL_AID", "SUBSTANCE_USE_TREATMENT", "FAMILY_SUPPORT", "EDUCATION_SUPPORT",
            "HOME_CARE", "OTHER"};

    private static final StageForm FORM = new StageForm(Tasks.SERVICE_PLAN, fields());

    private final ServicePlans plans;

    ServicePlanRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    private static List<FormField> fields() {
        List<FormField> fields = new ArrayList<>();
        for (int n = 1; n <= SLOTS; n++) {
            fields.add(n == 1 ? text("goal1", 500).required() : text("goal" + n, 500));
            fields.add(n == 1 ? date("goal1TargetDate").required() : date("goal" + n + "TargetDate"));
        }
        for (int n = 1; n <= SLOTS; n++) {
            FormField type = choice("service" + n + "Type", SERVICE_TYPES);
            FormField provider = text("service" + n + "Provider", 200);
            FormField target = date("service" + n + "TargetDate");
            FormField goal = choice("service" + n + "Goal", "1", "2", "3");
            if (n == 1) {
                type = type.required();
                provider = provider.required();
                target = target.required();
                goal = goal.required();
            }
            fields.addAll(List.of(type, provider, target, goal));
        }
        fields.add(text("crisisPlan", 4000));
        fields.add(flag("clientAgreesToPlan"));
        return List.copyOf(fields);
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        LocalDate today = CaseClock.now().toLocalDate();
        for (int n = 1; n <= SLOTS; n++) {
            String goal = "goal" + n;
            if (data.has(goal) != data.has(goal + "TargetDate")) {
                problems.add(data.has(goal) ? goal + "TargetDate" : goal, "is required when the goal is given");
            }
            if (data.has(goal + "TargetDate") && data.date(goal + "TargetDate").isBefore(today)) {
                problems.add(goal + "TargetDate", "must not be in the past");
            }
        }
        for (int n = 1; n <= SLOTS; n++) {
            String s = "service" + n;
            List<String> parts = List.of(s + "Type", s + "Provider", s + "TargetDate", s + "Goal");
            boolean any = parts.stream().anyMatch(data::has);
            if (any) {
                parts.stream().filter(p -> !data.has(p)).forEach(p -> problems.add(p, "is required for service " + s.substring(7)));
            }
            if (data.has(s + "Goal") && !data.has("goal" + data.text(s + "Goal"))) {
                problems.add(s + "Goal", "refers to goal " + data.text(s + "Goal") + ", which is not in the plan");
            }
            if (data.has(s + "TargetDate") && data.date(s + "TargetDate").isBefore(today)) {
                problems.add(s + "TargetDate", "must not be in the past");
            }
        }
        if (!data.flag("clientAgreesToPlan")) {
            problems.add("clientAgreesToPlan", "must be confirmed: the client agrees to the plan");
        }
        if ("HIGH".equals(context.caseFile().riskLevel()) && !data.has("crisisPlan")) {
            problems.add("crisisPlan", "is required when the risk level is HIGH");
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        List<Goal> goals = new ArrayList<>();
        List<PlannedService> services = new ArrayList<>();
        for (int n = 1; n <= SLOTS; n++) {
            if (data.has("goal" + n)) {
                goals.add(new Goal(n, data.text("goal" + n), data.date("goal" + n + "TargetDate"), "OPEN"));
            }
            String s = "service" + n;
            if (data.has(s + "Type")) {
                services.add(new PlannedService(null, n, Integer.parseInt(data.text(s + "Goal")), data.text(s + "Type"),
                        data.text(s + "Provider"), data.date(s + "TargetDate"), "PLANNED"));
            }
        }
        plans.submit(context.caseFile(), data.text("crisisPlan"), data.flag("clientAgreesToPlan"), context.userId(),
                goals, services);
        // the supervisor's comments were read; the next review starts with an empty box
        Variables.REVIEW_COMMENTS.remove(context.task());
    }

    @Override
    public String summarize(StageData data) {
        long goals = java.util.stream.IntStream.rangeClosed(1, SLOTS).filter(n -> data.has("goal" + n)).count();
        long services = java.util.stream.IntStream.rangeClosed(1, SLOTS).filter(n -> data.has("service" + n + "Type")).count();
        return "Service plan submitted for approval: " + goals + " goal(s), " + services + " service(s)";
    }

    /** A returned plan opens with the previous version's values, so the case manager revises it. */
    @Override
    public void prepare(DelegateTask task, StageContext context) {
        String comments = Variables.REVIEW_COMMENTS.from(task);
        if (comments != null && !comments.isBlank()) {
            task.setVariableLocal("reviewCommentsText", org.caseway.casefile.stage.Markdown.text(comments));
        }
        Plan previous = plans.latest(context.caseFile().id()).orElse(null);
        if (previous == null) {
            return;
        }
        for (Goal goal : previous.goals()) {
            task.setVariableLocal("goal" + goal.goalNo(), goal.description());
            task.setVariableLocal("goal" + goal.goalNo() + "TargetDate", goal.targetDate().toString());
        }
        for (PlannedService service : previous.services()) {
            String s = "service" + service.serviceNo();
            task.setVariableLocal(s + "Type", service.serviceType());
            task.setVariableLocal(s + "Provider", service.provider());
            task.setVariableLocal(s + "TargetDate", service.targetDate().toString());
            task.setVariableLocal(s + "Goal", String.valueOf(service.goalNo()));
        }
        if (previous.crisisPlan() != null) {
            task.setVariableLocal("crisisPlan", previous.crisisPlan());
        }
    }
}
