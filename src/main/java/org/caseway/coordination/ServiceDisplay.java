package org.caseway.coordination;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.stage.StageContext;
import org.caseway.process.CaseProcess.Variables;

/** Puts the service's type and provider on a coordination task for its form. */
final class ServiceDisplay {

    private ServiceDisplay() {
    }

    static void prepare(ServicePlans plans, DelegateTask task, StageContext context) {
        plans.service(context.serviceId()).ifPresent(service -> {
            Variables.SERVICE_TYPE.setLocal(task, service.serviceType());
            Variables.PROVIDER.setLocal(task, service.provider());
        });
    }
}
