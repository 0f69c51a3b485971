package org.caseway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.caseway.casefile.CaseType;
import org.caseway.casefile.Priority;
import org.caseway.casefile.ServiceModel;
import org.caseway.intake.NewCase;

/** POST /api/cases: a referral to open as a case. */
record OpenCaseRequest(
        @NotNull @Valid ClientRequest client,
        @NotNull @OneOf(CaseType.class) String caseType,
        @OneOf(ServiceModel.class) String model,
        @NotBlank @Size(max = 200) String referralSource,
        @NotBlank @Size(max = 4000) String presentingNeeds,
        @NotNull @OneOf(Priority.class) String priority) {

    record ClientRequest(
            @NotBlank @Size(max = 100) String firstName,
            @NotBlank @Size(max = 100) String lastName,
            @NotNull @PastIsoDate String dateOfBirth,
            @Size(max = 35) @Pattern(regexp = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$",
                    message = "must be a language tag such as en, es or pt-BR") String preferredLanguage,
            @Size(max = 40) @Pattern(regexp = "^[+0-9 ()-]{6,20}$", message = "must be a phone number") String phone,
            @Size(max = 254) @Email String email) {

        @Override
        public String toString() {
            return "ClientRequest[redacted]";
        }
    }

    NewCase toNewCase() {
        return new NewCase(client.firstName().strip(), client.lastName().strip(), LocalDate.parse(client.dateOfBirth()),
                client.preferredLanguage(), client.phone(), client.email(), CaseType.valueOf(caseType),
                model == null ? null : ServiceModel.valueOf(model), referralSource.strip(), presentingNeeds.strip(),
                Priority.valueOf(priority));
    }
}
