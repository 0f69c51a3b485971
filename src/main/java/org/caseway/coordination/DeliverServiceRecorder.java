package org.caseway.coordination;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.note;
import static org.caseway.casefile.stage.FormField.number;

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

/** Clinical model: the case manager delivers the service directly. */
@Component
class DeliverServiceRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.DELIVER_SERVICE,
            date("deliveredOn").required(),
            number("durationMinutes", 1, 1440).required(),
            choice("deliveryOutcome", "COMPLETED", "PARTIAL", "NOT_DELIVERED").required(),
            note("deliveryNotes", 4000));

    private final ServicePlans plans;

    DeliverServiceRecorder(ServicePlans plans) {
        this.plans = plans;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        if (data.has("deliveredOn") && data.date("deliveredOn").isAfter(CaseClock.now().toLocalDate())) {
            problems.add("deliveredOn", "must not be in the future");
        }
    }

    @Override
    public void apply(StageData data, StageContext context) {
        String status = switch (data.text("deliveryOutcome")) {
            case "COMPLETED" -> "DELIVERED";
            case "PARTIAL" -> "PARTIALLY_DELIVERED";
            default -> "NOT_DELIVERED";
        };
        plans.updateServiceStatus(context.serviceId(), status);
    }

    @Override
    public String summarize(StageData data) {
        return "Service delivered (" + data.number("durationMinutes") + " min): "
                + data.text("deliveryOutcome").toLowerCase().replace('_', ' ');
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        ServiceDisplay.prepare(plans, task, context);
    }
}
