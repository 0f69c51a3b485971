package org.caseway.coordination;

import java.util.List;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.ServicePlans;
import org.caseway.casefile.ServicePlans.PlannedService;
import org.springframework.stereotype.Component;

/**
 * The services of a case's approved plan: the collection the case-management model's
 * multi-instance call activity iterates (${caseServices.plannedServiceIds(caseNumber)}).
 */
@Component("caseServices")
public class CaseServices {

    private final CaseFiles caseFiles;
    private final ServicePlans plans;

    CaseServices(CaseFiles caseFiles, ServicePlans plans) {
        this.caseFiles = caseFiles;
        this.plans = plans;
    }

    public List<String> plannedServiceIds(String caseNumber) {
        long caseId = caseFiles.getByNumber(caseNumber).id();
        return plans.approved(caseId).orElseThrow(() -> new IllegalStateException("Case has no approved plan"))
                .services().stream().map(PlannedService::serviceId).toList();
    }
}
