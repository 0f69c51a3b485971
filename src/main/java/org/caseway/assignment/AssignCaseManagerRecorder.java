package org.caseway.assignment;

import static org.caseway.casefile.stage.FormField.text;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.stage.Markdown;
import org.caseway.casefile.stage.Problems;
import org.caseway.casefile.stage.StageContext;
import org.caseway.casefile.stage.StageData;
import org.caseway.casefile.stage.StageForm;
import org.caseway.casefile.stage.StageRecorder;
import org.caseway.process.CaseProcess.Tasks;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Nobody was eligible: the team's supervisor names the case manager. */
@Component
class AssignCaseManagerRecorder implements StageRecorder {

    private static final StageForm FORM = StageForm.of(Tasks.ASSIGN_CASE_MANAGER,
            text("caseManager", 64).required().routing());

    private final CaseAssignment assignment;
    private final JdbcClient jdbc;

    AssignCaseManagerRecorder(CaseAssignment assignment, JdbcClient jdbc) {
        this.assignment = assignment;
        this.jdbc = jdbc;
    }

    @Override
    public StageForm form() {
        return FORM;
    }

    @Override
    public void check(StageData data, StageContext context, Problems problems) {
        assignment.problemWith(context.caseFile(), data.text("caseManager"))
                .ifPresent(problem -> problems.add("caseManager", problem));
    }

    @Override
    public void apply(StageData data, StageContext context) {
        assignment.assignBySupervisor(context.caseFile(), data.text("caseManager"), context.userId());
    }

    @Override
    public String summarize(StageData data) {
        return "Supervisor assigned case manager " + data.text("caseManager");
    }

    @Override
    public void prepare(DelegateTask task, StageContext context) {
        jdbc.sql("""
                SELECT summary FROM timeline_entry WHERE case_id = ? AND event_type = 'CASE_MANAGER_CHOSEN'
                ORDER BY id DESC LIMIT 1""").param(context.caseFile().id()).query(String.class).optional()
                .ifPresent(reason -> task.setVariableLocal("assignmentReason", Markdown.text(reason)));
    }
}
