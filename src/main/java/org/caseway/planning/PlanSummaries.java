package org.caseway.planning;

import static org.caseway.casefile.stage.Markdown.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.ServicePlans.Goal;
import org.caseway.casefile.ServicePlans.Plan;
import org.caseway.casefile.ServicePlans.PlannedService;

/** Markdown summaries of a plan for the supervisor's and case manager's forms (typed text escaped). */
public final class PlanSummaries {

    private PlanSummaries() {
    }

    public static String plan(Plan plan) {
        StringBuilder md = new StringBuilder("Version ").append(plan.version()).append(", written by ")
                .append(text(plan.submittedBy())).append("\n\n**Goals**\n\n").append(goals(plan))
                .append("\n**Services**\n\n");
        for (PlannedService s : plan.services()) {
            md.append("- ").append(label(s.serviceType())).append(" by ").append(text(s.provider()))
                    .append(", for goal ").append(s.goalNo()).append(", start by ").append(s.targetDate()).append('\n');
        }
        md.append("\nClient agrees to the plan: ").append(plan.clientAgrees() ? "yes" : "no").append('\n');
        if (plan.crisisPlan() != null) {
            md.append("\n**Crisis plan:** ").append(text(plan.crisisPlan())).append('\n');
        }
        return md.toString();
    }

    /** One line per goal: its text, target date and status. */
    public static String goals(Plan plan) {
        StringBuilder md = new StringBuilder();
        for (Goal g : plan.goals()) {
            md.append("- Goal ").append(g.goalNo()).append(": ").append(text(g.description())).append(" (by ")
                    .append(g.targetDate()).append(", ").append(label(g.status())).append(")\n");
        }
        return md.toString();
    }

    /** A code such as HOUSING_SUPPORT as words: housing support. */
    public static String label(String code) {
        return code == null ? "" : code.toLowerCase().replace('_', ' ');
    }

    /** Goal texts as task variables: forms show progress and outcome fields only for goals that exist. */
    public static void exposeGoals(DelegateTask task, Plan plan) {
        for (Goal goal : plan.goals()) {
            task.setVariableLocal("goal" + goal.goalNo(), goal.description());
        }
    }
}
