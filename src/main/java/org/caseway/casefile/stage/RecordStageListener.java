package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseRecords;
import org.caseway.casefile.Timeline;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * On completion of a lifecycle task: checks what the form submitted (also when completed through
 * the REST API), writes it into the case file and its notes, adds a timeline entry and removes
 * from the process every variable the flow does not route on. A bad submission is refused with a
 * 400 that names each field, and nothing is written.
 */
@Component("recordStageListener")
class RecordStageListener implements TaskListener {

    private final StageRecorders recorders;
    private final CaseRecords records;
    private final Timeline timeline;
    private final CurrentUser currentUser;
    private final FormLabels labels;

    RecordStageListener(StageRecorders recorders, CaseRecords records, Timeline timeline, CurrentUser currentUser,
                        FormLabels labels) {
        this.labels = labels;
        this.recorders = recorders;
        this.records = records;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateTask task) {
        String taskKey = task.getTaskDefinitionKey();
        CaseFile caseFile = recorders.caseOf(task);
        String userId = currentUser.id();
        StageRecorder recorder = recorders.of(taskKey).orElse(null);
        if (recorder == null) {
            timeline.add(caseFile.id(), userId, "TASK_COMPLETED", taskKey, task.getName() + " completed");
            return;
        }
        StageForm form = recorder.form();
        StageContext context = new StageContext(task, caseFile, userId);
        Problems problems = new Problems();
        StageData data = form.read(name -> submitted(task, name), problems);
        if (problems.isEmpty()) {
            recorder.check(data, context, problems);
        }
        problems.throwIfAny(taskKey, field -> labels.of(taskKey, field));

        long recordId = records.save(caseFile.id(), taskKey, task.getId(), context.serviceId(), userId,
                form.structured(data));
        for (FormField field : form.fields()) {
            String text = field.note() ? data.text(field.name()) : null;
            if (text != null) {
                records.addNote(caseFile.id(), recordId, field.name(), text, userId);
            }
        }
        // routing values as the models expect them (a flag never sent is false, "true" is a Boolean)
        for (FormField field : form.fields()) {
            if (field.routes()) {
                task.getExecution().setVariable(field.name(), data.value(field.name()));
            }
        }
        recorder.apply(data, context);
        timeline.add(caseFile.id(), userId, "TASK_COMPLETED", taskKey, recorder.summarize(data));

        for (FormField field : form.fields()) {
            if (!field.routes()) {
                task.removeVariableLocal(field.name());
                task.getExecution().removeVariable(field.name());
            }
        }
        // an allow-list: whatever else a client sent along (fields not on the form) does not stay
        var processInstance = task.getExecution().getProcessInstance();
        for (String name : java.util.List.copyOf(processInstance.getVariableNamesLocal())) {
            if (!org.caseway.process.CaseProcess.Variables.KEPT.contains(name)) {
                processInstance.removeVariableLocal(name);
            }
        }
    }

    /**
     * A submitted value: completing a task sets the submitted variables on the process, while a
     * task may hold a prefilled value of the same name (a returned plan opens with its previous
     * version); the submission wins, the prefilled value stands when the field was not sent.
     */
    private static Object submitted(DelegateTask task, String name) {
        Object value = task.getExecution().getVariable(name);
        return value != null ? value : task.getVariableLocal(name);
    }
}
