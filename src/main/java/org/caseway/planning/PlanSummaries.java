package org.caseway.planning;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.ServicePlans.Goal;
import org.caseway.casefile.ServicePlans.Plan;
import org.caseway.casefile.ServicePlans.PlannedService;

/** Markdown summaries of a plan for the supervisor's and case manager's forms. */
public final class PlanSummaries {

    private PlanSummaries() {
    }

    public static String plan(Plan plan) {
        StringBuilder md = new StringBuilder("### Service plan, version ").append(plan.version()).append("\n\n");
        md.append(goals(plan)).append("\n**Services**\n\n");
        for (PlannedService s : plan.services()) {
            md.append("- ").append(s.serviceType()).append(" by ").append(s.provider())
                    .append(", for goal ").append(s.goalNo()).append(", start by ").append(s.targetDate()).append('\n');
        }
        md.append("\nClient agrees to the plan: ").append(plan.clientAgrees() ? "yes" : "no").append('\n');
        if (plan.crisisPlan() != null) {
            md.append("\n**Crisis plan:** ").append(plan.crisisPlan()).append('\n');
        }
        return md.toString();
    }

    public static String goals(Plan plan) {
        StringBuilder md = new StringBuilder("**Goals**\n\n");
        for (Goal g : plan.goals()) {
            md.append(g.goalNo()).append(". ").append(g.description()).append(" (by ").append(g.targetDate())
                    .append(", ").append(g.status().toLowerCase().replace('_', ' ')).append(")\n");
        }
        return md.toString();
    }

    /** Goal texts as task variables: forms show progress and outcome fields only for goals that exist. */
    public static void exposeGoals(DelegateTask task, Plan plan) {
        for (Goal goal : plan.goals()) {
            task.setVariableLocal("goal" + goal.goalNo(), goal.description());
        }
    }
}
