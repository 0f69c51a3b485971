package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseFile;

/** The task, its case and the person working it. */
public record StageContext(DelegateTask task, CaseFile caseFile, String userId) {

    public String serviceId() {
        return org.caseway.process.CaseProcess.Variables.SERVICE_ID.from(task);
    }
}
