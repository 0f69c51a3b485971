package org.caseway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.caseway.assignment.StaffDirectory;
import org.caseway.assignment.StaffDirectory.Caseload;
import org.caseway.assignment.StaffProfiles;
import org.caseway.assignment.StaffProfiles.Profile;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff profiles (administrators and supervisors) and a team's caseload (its supervisors and administrators). */
@Validated
@RestController
class StaffController {

    record ProfileRequest(@NotBlank @Size(max = 64) @Pattern(regexp = "^[a-z0-9-]+$") String team,
                          @NotNull @OneOf(StaffProfiles.Role.class) String role,
                          @NotNull @Size(max = 20) Set<@Pattern(regexp = "^[A-Z_]{2,40}$") String> qualifications,
                          @NotNull @Size(max = 20) Set<@Pattern(regexp = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$") String> languages,
                          @NotNull @Min(0) @Max(200) Integer caseloadCap,
                          @NotNull Boolean active,
                          @PastOrFutureDate String absentUntil) {
    }

    /** An ISO date, past or future (absences end in the future). */
    @java.lang.annotation.Target(java.lang.annotation.ElementType.FIELD)
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @jakarta.validation.Constraint(validatedBy = PastOrFutureDate.Validator.class)
    @interface PastOrFutureDate {
        String message() default "must be a date in the form YYYY-MM-DD";

        Class<?>[] groups() default {};

        Class<? extends jakarta.validation.Payload>[] payload() default {};

        class Validator implements jakarta.validation.ConstraintValidator<PastOrFutureDate, String> {
            @Override
            public boolean isValid(String value, jakarta.validation.ConstraintValidatorContext context) {
                if (value == null) {
                    return true;
                }
                try {
                    LocalDate.parse(value);
                    return true;
                } catch (java.time.format.DateTimeParseException e) {
                    return false;
                }
            }
        }
    }

    private final StaffDirectory directory;

    StaffController(StaffDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/api/staff")
    List<Profile> list(@RequestParam(required = false) @Size(max = 64) String team) {
        return directory.list(team);
    }

    @PutMapping("/api/staff/{userId}")
    Profile save(@PathVariable @Size(max = 64) String userId, @Valid @RequestBody ProfileRequest request) {
        return directory.save(StaffDirectory.profile(userId, request.team(), request.role(), request.qualifications(),
                request.languages(), request.caseloadCap(), request.active(),
                request.absentUntil() == null ? null : LocalDate.parse(request.absentUntil())));
    }

    @GetMapping("/api/teams/{team}/caseload")
    Caseload caseload(@PathVariable @Size(max = 64) String team) {
        return directory.caseload(team);
    }
}
