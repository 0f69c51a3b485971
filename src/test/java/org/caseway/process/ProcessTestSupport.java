package org.caseway.process;

import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.test.mock.Mocks;

/**
 * Plain process tests run the models on an in-memory engine without Spring: the beans the models
 * name are replaced by these stand-ins (their own behaviour is tested in the Spring Boot tests).
 */
final class ProcessTestSupport {

    static final String ENGINE_CONFIG = "camunda-junit.cfg.xml";

    /** ${caseTimers.referralResponseTimeout} */
    public static final class Timers {
        public String getReferralResponseTimeout() {
            return "P10D";
        }
    }

    /** ${caseServices.plannedServiceIds(caseNumber)} */
    public static final class Services {
        private final List<String> ids;

        Services(List<String> ids) {
            this.ids = ids;
        }

        public List<String> plannedServiceIds(String caseNumber) {
            return ids.stream().map(id -> caseNumber + "-" + id).toList();
        }
    }

    static void registerBeans(List<String> serviceIds) {
        Mocks.register("openStageListener", (TaskListener) task -> { });
        Mocks.register("recordStageListener", (TaskListener) task -> { });
        Mocks.register("caseEndedListener", (ExecutionListener) execution -> { });
        Mocks.register("caseTimers", new Timers());
        Mocks.register("caseServices", new Services(serviceIds));
    }

    private ProcessTestSupport() {
    }
}
