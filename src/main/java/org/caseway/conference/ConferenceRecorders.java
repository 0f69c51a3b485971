package org.caseway.conference;

import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** Each participant's input, then the conference's decisions and actions. */
@Configuration
class ConferenceRecorders {

    static void showConference(CaseEvents events, DelegateTask task) {
        String conferenceId = Variables.CONFERENCE_ID.from(task);
        if (conferenceId != null) {
            events.conference(Long.parseLong(conferenceId)).ifPresent(c -> Variables.CONFERENCE_SUMMARY.setLocal(task,
                    "Conference " + c.id() + ": " + Markdown.text(c.reason()) + "\n\nParticipants: "
                            + Markdown.text(String.join(", ", c.participants()))));
        }
    }

    @Bean
    StageRecorder conferenceInputRecorder(CaseEvents events) {
        return new StageRecorder() {
            private final StageForm form = StageForm.of(Tasks.CONFERENCE_INPUT,
                    note("conferenceContribution", 4000).required(),
                    flag("recommendsPlanChange"));

            @Override
            public StageForm form() {
                return form;
            }

            @Override
            public String summarize(StageData data) {
                return "Conference input given" + (data.flag("recommendsPlanChange") ? "; recommends changing the plan" : "");
            }

            @Override
            public void prepare(DelegateTask task, StageContext context) {
                showConference(events, task);
            }
        };
    }

    @Bean
    StageRecorder conferenceOutcomeRecorder(CaseEvents events, JdbcClient jdbc,
                                            org.caseway.process.CaseMessages messages) {
        return new StageRecorder() {
            private final StageForm form = StageForm.of(Tasks.CONFERENCE_OUTCOME,
                    note("decisions", 4000).required(),
                    note("actions", 4000).required(),
                    date("nextConferenceDate"),
                    choice("planChangeNeeded", "YES", "NO").required().routing());

            @Override
            public StageForm form() {
                return form;
            }

            @Override
            public String summarize(StageData data) {
                return "Case conference outcome recorded; plan change: " + data.text("planChangeNeeded").toLowerCase();
            }

            /** The conference dealt with the lack of progress: counting starts again. */
            @Override
            public void apply(StageData data, StageContext context) {
                messages.setOnCase(context.caseFile(), Variables.NO_PROGRESS_CONTACTS, 0L);
            }

            /** Every participant's input to this conference, for the person writing the outcome. */
            @Override
            public void prepare(DelegateTask task, StageContext context) {
                showConference(events, task);
                String conferenceId = Variables.CONFERENCE_ID.from(task);
                if (conferenceId == null) {
                    return;
                }
                StringBuilder md = new StringBuilder();
                jdbc.sql("""
                        SELECT n.author, n.body FROM case_note n
                        JOIN case_record r ON r.id = n.record_id
                        JOIN case_conference c ON c.case_id = r.case_id
                        WHERE c.id = ? AND r.record_type = 'conferenceInput' AND r.recorded_at >= c.requested_at
                        ORDER BY n.id""").param(Long.parseLong(conferenceId))
                        .query((rs, n) -> md.append("- **").append(Markdown.text(rs.getString("author"))).append(":** ")
                                .append(Markdown.text(rs.getString("body"))).append('\n'))
                        .list();
                if (!md.isEmpty()) {
                    Variables.CONFERENCE_INPUTS.setLocal(task, md.toString());
                }
            }
        };
    }
}
