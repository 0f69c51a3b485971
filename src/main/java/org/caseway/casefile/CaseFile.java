package org.caseway.casefile;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** A case: one person's journey through the agency's lifecycle. */
public record CaseFile(
        long id,
        String caseNumber,
        long clientId,
        CaseType caseType,
        ServiceModel model,
        Priority priority,
        String referralSource,
        String presentingNeeds,
        CaseStatus status,
        CaseStage stage,
        String riskLevel,
        boolean urgentRisk,
        Boolean consentToServices,
        Boolean consentToShare,
        String consentShareWith,
        LocalDate consentExpiresOn,
        String closureReason,
        String referredTo,
        String processInstanceId,
        OffsetDateTime openedAt,
        String openedBy,
        OffsetDateTime closedAt,
        String team,
        String caseManager) {

    public enum CaseStatus { OPEN, CLOSED, CANCELLED }
}
