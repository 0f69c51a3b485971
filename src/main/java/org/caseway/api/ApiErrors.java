package org.caseway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.caseway.casefile.CaseNotFoundException;
import org.caseway.casefile.stage.Problems.InvalidStageDataException;
import org.caseway.coordination.ReferralResponses.ReferralNotAwaitedException;
import org.caseway.system.AccessDeniedException;
import org.caseway.system.ConcurrentChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Bad input gets a 4xx whose body names each bad field (RFC 9457 problem detail with an
 * "errors" list of {field, message}); never a stack trace, never client data echoed back.
 */
@RestControllerAdvice(basePackageClasses = ApiErrors.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    record FieldError(String field, String message) {
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> new FieldError(e.getField(), e.getDefaultMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        return badRequest(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error ->
                errors.add(new FieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return badRequest(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return badRequest(List.of(new FieldError(path(unknown), "is not a known field")));
        }
        boolean truncated = cause != null && cause.getMessage() != null && cause.getMessage().contains("end-of-input");
        if (!truncated && cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return badRequest(List.of(new FieldError(path(mapping), "has the wrong type")));
        }
        if (cause instanceof JsonProcessingException parsing) {
            String where = parsing.getLocation() == null ? ""
                    : " at line " + parsing.getLocation().getLineNr() + ", column " + parsing.getLocation().getColumnNr();
            return badRequest(List.of(new FieldError("body", "is not well-formed JSON" + where)));
        }
        return badRequest(List.of(new FieldError("body", "is missing or unreadable")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String allowed = ex.getRequiredType() != null && ex.getRequiredType().isEnum()
                ? "must be one of " + java.util.Arrays.stream(ex.getRequiredType().getEnumConstants())
                        .map(String::valueOf).collect(Collectors.joining(", "))
                : "has the wrong type";
        return badRequest(List.of(new FieldError(ex.getName(), allowed)));
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Object> badParameter(BadParameterException ex) {
        return badRequest(List.of(new FieldError(ex.field(), ex.getMessage())));
    }

    @ExceptionHandler(org.caseway.sla.UnknownTeamException.class)
    ResponseEntity<Object> unknownTeam(org.caseway.sla.UnknownTeamException ex) {
        return problem(HttpStatus.NOT_FOUND, ex.getMessage(), Map.of());
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<FieldError> errors = ex.getConstraintViolations().stream()
                .map(v -> {
                    String path = v.getPropertyPath().toString();
                    return new FieldError(path.substring(path.lastIndexOf('.') + 1), v.getMessage());
                }).toList();
        return badRequest(errors);
    }

    @ExceptionHandler(InvalidStageDataException.class)
    ResponseEntity<Object> invalidStageData(InvalidStageDataException ex) {
        return badRequest(ex.problems().entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.field().compareTo(b.field())).toList());
    }

    @ExceptionHandler(CaseNotFoundException.class)
    ResponseEntity<Object> notFound(CaseNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, ex.getMessage(), Map.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, ex.getMessage(), Map.of());
    }

    @ExceptionHandler(org.caseway.casefile.CaseStateConflictException.class)
    ResponseEntity<Object> caseStateConflict(org.caseway.casefile.CaseStateConflictException ex) {
        return problem(HttpStatus.CONFLICT, ex.getMessage(), Map.of());
    }

    @ExceptionHandler(org.caseway.conference.CaseConferences.UnknownParticipantsException.class)
    ResponseEntity<Object> unknownParticipants(org.caseway.conference.CaseConferences.UnknownParticipantsException ex) {
        return badRequest(ex.indexes().stream()
                .map(i -> new FieldError("participants[" + i + "]", "is not a Caseway user")).toList());
    }

    @ExceptionHandler(org.camunda.bpm.engine.OptimisticLockingException.class)
    ResponseEntity<Object> concurrentChange(org.camunda.bpm.engine.OptimisticLockingException ex) {
        return problem(HttpStatus.CONFLICT, ConcurrentChange.MESSAGE, Map.of());
    }

    @ExceptionHandler(org.caseway.assignment.StaffDirectory.UnknownUserException.class)
    ResponseEntity<Object> unknownUser(org.caseway.assignment.StaffDirectory.UnknownUserException ex) {
        return badRequest(List.of(new FieldError("userId", "is not a Caseway user")));
    }

    @ExceptionHandler(org.caseway.assignment.Reassignment.InvalidTargetException.class)
    ResponseEntity<Object> invalidTarget(org.caseway.assignment.Reassignment.InvalidTargetException ex) {
        return badRequest(List.of(new FieldError("target", ex.getMessage())));
    }

    @ExceptionHandler(ReferralNotAwaitedException.class)
    ResponseEntity<Object> conflict(ReferralNotAwaitedException ex) {
        return problem(HttpStatus.CONFLICT, ex.getMessage(), Map.of());
    }

    @ExceptionHandler(org.caseway.intake.CaseOpening.ModelUndecidedException.class)
    ResponseEntity<Object> modelUndecided(org.caseway.intake.CaseOpening.ModelUndecidedException ex) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, ex.getMessage(),
                Map.of("errors", List.of(new FieldError("model", "is required for this case type"))));
    }

    @ExceptionHandler(org.camunda.bpm.engine.AuthorizationException.class)
    ResponseEntity<Object> engineForbidden(org.camunda.bpm.engine.AuthorizationException ex) {
        return problem(HttpStatus.FORBIDDEN, "Your Camunda permissions do not allow this", Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        // Spring picks a handler by the thrown exception's type first, so a concurrent change wrapped in another
        // exception (a listener's failure, say) arrives here: still a 409, not a 500
        if (ConcurrentChange.in(ex).isPresent()) {
            return problem(HttpStatus.CONFLICT, ConcurrentChange.MESSAGE, Map.of());
        }
        // the message may hold client data: log the type and where it came from, not the message
        StackTraceElement origin = ex.getStackTrace().length > 0 ? ex.getStackTrace()[0] : null;
        log.error("Unexpected {} at {}", ex.getClass().getName(), origin);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected error; nothing was changed", Map.of());
    }

    private static ResponseEntity<Object> badRequest(List<FieldError> errors) {
        String fields = errors.stream().map(FieldError::field).distinct().collect(Collectors.joining(", "));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request: " + fields, Map.of("errors", errors));
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        properties.forEach(problem::setProperty);
        return ResponseEntity.status(status).body(problem);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
