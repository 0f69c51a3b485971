package org.caseway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.caseway.casefile.CaseQueries;
import org.caseway.casefile.CaseQueries.CaseDetails;
import org.caseway.casefile.CaseQueries.CasePage;
import org.caseway.casefile.CaseStage;
import org.caseway.casefile.CaseType;
import org.caseway.coordination.ReferralResponses;
import org.caseway.intake.CaseOpening;
import org.caseway.intake.CaseOpening.OpenedCase;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The case API: open a case, read one, list them, and record a provider's answer to a referral. */
@Validated
@RestController
@RequestMapping("/api/cases")
class CaseController {

    record ReferralResponseRequest(@NotNull @OneOf(ReferralResponse.class) String response,
                                   @Size(max = 2000) String reason) {
    }

    enum ReferralResponse { ACCEPTED, DECLINED, WAITLISTED }

    private final CaseOpening caseOpening;
    private final CaseQueries caseQueries;
    private final ReferralResponses referralResponses;
    private final CurrentUser currentUser;

    CaseController(CaseOpening caseOpening, CaseQueries caseQueries, ReferralResponses referralResponses,
                   CurrentUser currentUser) {
        this.caseOpening = caseOpening;
        this.caseQueries = caseQueries;
        this.referralResponses = referralResponses;
        this.currentUser = currentUser;
    }

    @PostMapping
    ResponseEntity<OpenedCase> open(@Valid @RequestBody OpenCaseRequest request) {
        OpenedCase opened = caseOpening.open(request.toNewCase());
        return ResponseEntity.created(URI.create("/api/cases/" + opened.caseNumber())).body(opened);
    }

    @GetMapping("/{caseNumber}")
    CaseDetails details(@PathVariable @Size(max = 32) String caseNumber) {
        return caseQueries.details(caseNumber);
    }

    @GetMapping
    CasePage list(@RequestParam(required = false) CaseStage stage,
                  @RequestParam(required = false) CaseType caseType,
                  @RequestParam(defaultValue = "0") @Min(0) int page,
                  @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return caseQueries.page(stage, caseType, page, size);
    }

    @PostMapping("/{caseNumber}/services/{serviceId}/referral-response")
    ResponseEntity<Void> referralResponse(@PathVariable String caseNumber, @PathVariable String serviceId,
                                          @Valid @RequestBody ReferralResponseRequest request) {
        currentUser.requireAnyRole(Roles.CASE_WORKERS);
        referralResponses.record(caseNumber, serviceId, request.response(), request.reason(), currentUser.id());
        return ResponseEntity.noContent().build();
    }
}
