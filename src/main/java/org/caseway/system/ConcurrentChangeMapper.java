package org.caseway.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a {@link ConcurrentChange} reaching the engine's REST API (/engine-rest, and the webapps' engine API that
 * Tasklist calls: {@link EngineRestErrorsConfig}) with 409 in Camunda's error shape
 * ({@code {"type", "message", "code"}}) instead of the 500 Camunda gives it. Camunda's resources throw the
 * engine's OptimisticLockingException as it is (e.g. setting the assignee) or wrapped (TaskResourceImpl's complete
 * and submit-form wrap it in a RestException with status 500), so there is one mapper for each of the two types:
 * Jersey picks the mapper of the closest exception type and, between two of the same type, the one of higher
 * priority. Each of these says by {@link #isMappable} that it only maps an exception caused by optimistic
 * locking; for every other exception Jersey falls back to Camunda's own mapper of that type, so its status and
 * body stay exactly as they were.
 */
abstract class ConcurrentChangeMapper<E extends Throwable> implements ExtendedExceptionMapper<E> {

    /** Ahead of Camunda's mappers, which have the default priority (USER). */
    static final int AHEAD_OF_CAMUNDA = Priorities.USER - 100;

    private static final Logger log = LoggerFactory.getLogger(ConcurrentChangeMapper.class);

    @Override
    public boolean isMappable(E exception) {
        return ConcurrentChange.in(exception).isPresent();
    }

    @Override
    public Response toResponse(E exception) {
        OptimisticLockingException conflict = ConcurrentChange.in(exception).orElseThrow();
        // type and code only, like the API's error handler; the engine's message ("ENGINE-03005 Execution of
        // 'DELETE TaskEntity[id]' failed...") is about rows, not something the client can act on
        log.info("409 for a concurrent change: {} (code {})", exception.getClass().getSimpleName(), conflict.getCode());
        ExceptionDto body = new ExceptionDto();
        body.setType(OptimisticLockingException.class.getSimpleName());
        body.setMessage(ConcurrentChange.MESSAGE);
        body.setCode(conflict.getCode());
        return Response.status(Response.Status.CONFLICT).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Ahead of Camunda's RestExceptionHandler: what its resources throw, often with the engine's exception as cause. */
    @Priority(AHEAD_OF_CAMUNDA)
    static final class OfRestException extends ConcurrentChangeMapper<RestException> {
    }

    /** Ahead of Camunda's ProcessEngineExceptionHandler: the engine's exception as it comes, or wrapped in another. */
    @Priority(AHEAD_OF_CAMUNDA)
    static final class OfEngineException extends ConcurrentChangeMapper<ProcessEngineException> {
    }
}
