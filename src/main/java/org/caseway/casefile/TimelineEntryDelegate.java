package org.caseway.casefile;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * ${timelineEntryDelegate}: writes a step of the flow into the case's timeline, as a service task
 * or an execution listener (element template "Record timeline entry"). Input parameters:
 * {@code timelineEvent} (upper-case event type, e.g. MILESTONE_REACHED) and {@code timelineSummary}
 * (the analyst's fixed text: never client data).
 */
@Component("timelineEntryDelegate")
public class TimelineEntryDelegate implements JavaDelegate, ExecutionListener {

    static final String EVENT = "timelineEvent";
    static final String SUMMARY = "timelineSummary";
    private static final Pattern EVENT_TYPE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");

    private final CaseFiles caseFiles;
    private final Timeline timeline;
    private final CurrentUser currentUser;

    TimelineEntryDelegate(CaseFiles caseFiles, Timeline timeline, CurrentUser currentUser) {
        this.caseFiles = caseFiles;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object event = execution.getVariableLocal(EVENT);
        Object summary = execution.getVariableLocal(SUMMARY);
        if (event == null || !EVENT_TYPE.matcher(event.toString()).matches()) {
            throw new IllegalStateException("Timeline entry " + execution.getCurrentActivityId() + " needs the input parameter "
                    + EVENT + " in upper case (A-Z, 0-9, _), not " + event);
        }
        if (summary == null || summary.toString().isBlank()) {
            throw new IllegalStateException("Timeline entry " + execution.getCurrentActivityId()
                    + " needs the input parameter " + SUMMARY);
        }
        CaseFile caseFile = caseFiles.getByNumber(execution.getProcessBusinessKey());
        timeline.add(caseFile.id(), currentUser.id(), event.toString(), execution.getCurrentActivityId(), summary.toString());
    }

    @Override
    public void notify(DelegateExecution execution) {
        execute(execution);
    }
}
