package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.CaseFile;

/** The task, its case and the person working it. */
public record StageContext(DelegateTask task, CaseFile caseFile, String userId) {

    /** The service a coordination task is about; always one of this case's services. */
    public String serviceId() {
        String serviceId = org.caseway.process.CaseProcess.Variables.SERVICE_ID.from(task);
        if (serviceId != null && !serviceId.startsWith(caseFile.caseNumber() + "-")) {
            throw new org.camunda.bpm.engine.BadUserRequestException("serviceId does not belong to this case");
        }
        return serviceId;
    }
}
