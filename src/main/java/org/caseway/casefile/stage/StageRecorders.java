package org.caseway.casefile.stage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.springframework.stereotype.Component;

/** Finds the recorder of a task key and the case of a task. */
@Component
public class StageRecorders {

    private final Map<String, StageRecorder> byTaskKey;
    private final CaseFiles caseFiles;

    StageRecorders(List<StageRecorder> recorders, CaseFiles caseFiles) {
        this.byTaskKey = recorders.stream()
                .collect(Collectors.toUnmodifiableMap(r -> r.form().taskKey(), Function.identity()));
        this.caseFiles = caseFiles;
    }

    public Optional<StageRecorder> of(String taskKey) {
        return Optional.ofNullable(byTaskKey.get(taskKey));
    }

    public Map<String, StageRecorder> all() {
        return byTaskKey;
    }

    /** Every process instance of a case carries the case number as its business key. */
    CaseFile caseOf(DelegateTask task) {
        CaseFile caseFile = caseFiles.getByNumber(task.getExecution().getProcessBusinessKey());
        String root = ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) task.getExecution())
                .getRootProcessInstanceId();
        boolean escalation = org.caseway.process.CaseProcess.SLA_ESCALATION_KEY.equals(
                ((org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity) task.getExecution())
                        .getProcessDefinition().getKey());
        // an escalation runs in its own process, which only Caseway starts, for the case's number
        if (caseFile.processInstanceId() != null && !caseFile.processInstanceId().equals(root) && !escalation) {
            throw new org.camunda.bpm.engine.BadUserRequestException(
                    "This task does not belong to case " + caseFile.caseNumber() + "'s process");
        }
        return caseFile;
    }
}
