package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.CaseStage;
import org.caseway.casefile.Timeline;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/** On creation of a lifecycle task: moves the case to the task's stage and prepares the form. */
@Component("openStageListener")
class OpenStageListener implements TaskListener {

    private final StageRecorders recorders;
    private final CaseFiles caseFiles;
    private final Timeline timeline;
    private final CurrentUser currentUser;

    OpenStageListener(StageRecorders recorders, CaseFiles caseFiles, Timeline timeline, CurrentUser currentUser) {
        this.recorders = recorders;
        this.caseFiles = caseFiles;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateTask task) {
        CaseFile caseFile = recorders.caseOf(task);
        CaseStage stage = CaseStage.ofTask(task.getTaskDefinitionKey());
        if (stage != null && stage != caseFile.stage()) {
            caseFiles.updateStage(caseFile.id(), stage);
        }
        timeline.add(caseFile.id(), currentUser.id(), "TASK_CREATED", task.getTaskDefinitionKey(),
                task.getName() + " is waiting");
        recorders.of(task.getTaskDefinitionKey())
                .ifPresent(recorder -> recorder.prepare(task, new StageContext(task, caseFile, currentUser.id())));
    }
}
