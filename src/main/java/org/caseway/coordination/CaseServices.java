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

    /**
     * The services of a revised plan that were not in the plan before it (by type and provider):
     * the ones a reassessment or conference must coordinate; unchanged services carry on.
     */
    public List<String> changedServiceIds(String caseNumber) {
        List<ServicePlans.Plan> approved = plans.approvedPlans(caseFiles.getByNumber(caseNumber).id());
        if (approved.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> before = approved.size() < 2 ? java.util.Set.of() : approved.get(1).services().stream()
                .map(s -> s.serviceType() + "|" + s.provider()).collect(java.util.stream.Collectors.toSet());
        return approved.get(0).services().stream()
                .filter(s -> !before.contains(s.serviceType() + "|" + s.provider()))
                .map(PlannedService::serviceId).toList();
    }

    public List<String> plannedServiceIds(String caseNumber) {
        long caseId = caseFiles.getByNumber(caseNumber).id();
        return plans.approved(caseId).orElseThrow(() -> new IllegalStateException("Case has no approved plan"))
                .services().stream().map(PlannedService::serviceId).toList();
    }
}
