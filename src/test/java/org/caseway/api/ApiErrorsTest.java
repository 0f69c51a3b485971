package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.caseway.system.ConcurrentChange;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The error handler's answers that no HTTP test reaches with a real exception. */
class ApiErrorsTest {

    private final ApiErrors errors = new ApiErrors();

    @Test
    void aConcurrentChangeWrappedInAnotherExceptionIsStillAConflict() {
        // Spring chooses the handler by the outer exception's type: this one reaches the catch-all
        ResponseEntity<Object> answer = errors.unexpected(new ProcessEngineException("Exception while invoking TaskListener",
                new OptimisticLockingException("ENGINE-03005 Execution of 'UPDATE TaskEntity[1]' failed")));

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).isEqualTo(ConcurrentChange.MESSAGE);
    }

    @Test
    void anyOtherUnexpectedFailureStaysA500WithoutItsMessage() {
        ResponseEntity<Object> answer = errors.unexpected(new ProcessEngineException("Lopez", new IllegalStateException()));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) answer.getBody()).getDetail()).doesNotContain("Lopez");
    }
}
