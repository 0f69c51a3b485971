package org.caseway.crisis;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.flag;
import static org.caseway.casefile.stage.FormField.note;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseEvents;
import org.caseway.casefile.stage.Markdown;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The three steps of a crisis flow: response, safety plan, and the supervisor's review. */
@Configuration
class CrisisRecorders {

    /** What the crisis is, for the forms of everyone working it. */
    static void showCrisis(CaseEvents events, DelegateTask task) {
        String crisisId = Variables.CRISIS_ID.from(task);
        if (crisisId == null) {
            return;
        }
        events.crisis(Long.parseLong(crisisId)).ifPresent(crisis -> Variables.CRISIS_SUMMARY.setLocal(task,
                "Crisis " + crisis.id() + " (" + crisis.severity().toLowerCase() + "): "
                        + Markdown.text(crisis.description())));
    }

    @Bean
    StageRecorder crisisResponseRecorder(CaseEvents events) {
        return new StageRecorder() {
            private final StageForm form = StageForm.of(Tasks.CRISIS_RESPONSE,
                    choice("contactMade", "YES", "NO").required(),
                    choice("contactMethod", "IN_PERSON", "PHONE", "VIDEO", "HOME_VISIT", "MOBILE_CRISIS_TEAM").required(),
                    choice("clientSafeNow", "YES", "NO", "UNKNOWN").required(),
                    note("immediateSafetyActions", 4000).required(),
                    flag("emergencyServicesContacted"),
                    flag("onCallSupervisorContacted"));

            @Override
            public StageForm form() {
                return form;
            }

            @Override
            public String summarize(StageData data) {
                return "Crisis response: contact " + ("YES".equals(data.text("contactMade")) ? "made" : "not made")
                        + ", client safe now: " + data.text("clientSafeNow").toLowerCase()
                        + (data.flag("emergencyServicesContacted") ? "; emergency services contacted" : "");
            }

            @Override
            public void prepare(DelegateTask task, StageContext context) {
                showCrisis(events, task);
            }
        };
    }

    @Bean
    StageRecorder safetyPlanRecorder(CaseEvents events) {
        return new StageRecorder() {
            private final StageForm form = StageForm.of(Tasks.SAFETY_PLAN,
                    note("warningSigns", 2000).required(),
                    note("copingStrategies", 2000),
                    note("supportContacts", 2000).required(),
                    note("professionalContacts", 2000),
                    note("meansRestriction", 2000),
                    choice("followUpWithin", "H24", "H48", "H72").required(),
                    choice("crisisOutcome", "MONITORING", "REASSESSMENT", "CONFERENCE").required().routing());

            @Override
            public StageForm form() {
                return form;
            }

            @Override
            public String summarize(StageData data) {
                return "Safety plan made; follow-up within " + data.text("followUpWithin").substring(1)
                        + " hours; next: " + data.text("crisisOutcome").toLowerCase();
            }

            @Override
            public void prepare(DelegateTask task, StageContext context) {
                showCrisis(events, task);
            }
        };
    }

    @Bean
    StageRecorder crisisReviewRecorder(CaseEvents events) {
        return new StageRecorder() {
            private final StageForm form = StageForm.of(Tasks.CRISIS_REVIEW,
                    choice("supervisorAction", "NONE", "JOIN_RESPONSE", "ARRANGE_COVER").required(),
                    note("supervisorNotes", 2000));

            @Override
            public StageForm form() {
                return form;
            }

            @Override
            public String summarize(StageData data) {
                return "Supervisor reviewed the crisis: " + data.text("supervisorAction").toLowerCase().replace('_', ' ');
            }

            @Override
            public void prepare(DelegateTask task, StageContext context) {
                showCrisis(events, task);
            }
        };
    }
}
