package org.caseway.intake;

import java.time.LocalDate;
import org.caseway.casefile.CaseType;
import org.caseway.casefile.Priority;
import org.caseway.casefile.ServiceModel;

/** A referral to open as a case, already checked. The model may be null: the case-model DMN decides. */
public record NewCase(String firstName, String lastName, LocalDate dateOfBirth, String preferredLanguage,
                      String phone, String email, CaseType caseType, ServiceModel model, String referralSource,
                      String presentingNeeds, Priority priority) {

    @Override
    public String toString() {
        return "NewCase[caseType=" + caseType + ", model=" + model + ", priority=" + priority + "]";
    }
}
