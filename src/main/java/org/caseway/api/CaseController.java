package org.caseway.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.List;
import org.caseway.assessment.ReassessmentRequests;
import org.caseway.closure.ClosureRequests;
import org.caseway.conference.CaseConferences;
import org.caseway.crisis.CrisisReports;
import org.caseway.casefile.CaseQueries;
import org.caseway.casefile.CaseQueries.CaseDetails;
import org.caseway.casefile.CaseQueries.CasePage;
import org.caseway.casefile.CaseStage;
import org.caseway.casefile.CaseType;
import org.caseway.coordination.ReferralResponses;
import org.caseway.intake.CaseOpening;
import org.caseway.intake.CaseOpening.OpenedCase;
import org.caseway.system.CurrentUser;
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

    record CrisisRequest(@NotBlank @Size(max = 2000) String description,
                         @NotNull @OneOf(CrisisReports.Severity.class) String severity) {
    }

    record ReassessmentRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    record ConferenceRequest(@NotNull @Size(min = 1, max = 10) List<@NotBlank @Size(max = 64) String> participants,
                             @NotBlank @Size(max = 2000) String reason) {
    }

    record ClosureRequest(@NotNull @OneOf(ClosureRequests.Reason.class) String reason) {
    }

    record Created(long id) {
    }

    record ReassignRequest(@Size(max = 64) String target, @NotBlank @Size(max = 2000) String reason) {
    }

    record Reassigned(String caseManager) {
    }

    private final CaseOpening caseOpening;
    private final CaseQueries caseQueries;
    private final ReferralResponses referralResponses;
    private final CurrentUser currentUser;
    private final CrisisReports crises;
    private final ReassessmentRequests reassessments;
    private final CaseConferences conferences;
    private final ClosureRequests closures;
    private final org.caseway.assignment.Reassignment reassignment;

    CaseController(org.caseway.assignment.Reassignment reassignment, CaseOpening caseOpening, CaseQueries caseQueries, ReferralResponses referralResponses,
                   CurrentUser currentUser, CrisisReports crises, ReassessmentRequests reassessments,
                   CaseConferences conferences, ClosureRequests closures) {
        this.crises = crises;
        this.reassessments = reassessments;
        this.conferences = conferences;
        this.closures = closures;
        this.reassignment = reassignment;
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

    /** A crisis at any time from intake to closure: its own crisis flow starts; the supervisor is told at once. */
    @PostMapping("/{caseNumber}/crisis")
    ResponseEntity<Created> crisis(@PathVariable String caseNumber, @Valid @RequestBody CrisisRequest request) {
        long id = crises.report(caseNumber, CrisisReports.Severity.valueOf(request.severity()), request.description().strip());
        return ResponseEntity.status(201).body(new Created(id));
    }

    /** A reassessment on request, during active care. */
    @PostMapping("/{caseNumber}/reassessment")
    ResponseEntity<Void> reassessment(@PathVariable String caseNumber, @Valid @RequestBody ReassessmentRequest request) {
        reassessments.request(caseNumber, request.reason().strip());
        return ResponseEntity.accepted().build();
    }

    /** A case conference with named participants (Caseway users), each of whom gets an input task. */
    @PostMapping("/{caseNumber}/conference")
    ResponseEntity<Created> conference(@PathVariable String caseNumber, @Valid @RequestBody ConferenceRequest request) {
        long id = conferences.request(caseNumber, request.participants().stream().map(String::strip).toList(),
                request.reason().strip());
        return ResponseEntity.status(201).body(new Created(id));
    }

    /** Closure for the client's request, a transfer or the client's death; the supervisor approves it. */
    @PostMapping("/{caseNumber}/closure-request")
    ResponseEntity<Void> closureRequest(@PathVariable String caseNumber, @Valid @RequestBody ClosureRequest request) {
        closures.request(caseNumber, ClosureRequests.Reason.valueOf(request.reason()));
        return ResponseEntity.accepted().build();
    }

    /** A supervisor of the case's team moves the case to another case manager (named, or by the rules). */
    @PostMapping("/{caseNumber}/reassign")
    Reassigned reassign(@PathVariable String caseNumber, @Valid @RequestBody ReassignRequest request) {
        String target = request.target() == null || request.target().isBlank() ? null : request.target().strip();
        return new Reassigned(reassignment.reassign(caseNumber, target, request.reason().strip()));
    }

    @PostMapping("/{caseNumber}/services/{serviceId}/referral-response")
    ResponseEntity<Void> referralResponse(@PathVariable String caseNumber, @PathVariable String serviceId,
                                          @Valid @RequestBody ReferralResponseRequest request) {
        referralResponses.record(caseNumber, serviceId, request.response(), request.reason(), currentUser.id());
        return ResponseEntity.noContent().build();
    }
}
