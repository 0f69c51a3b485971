package org.caseway.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;

/**
 * A request Caseway refused ({@link RequestRefusedException}) is a 400, also where Camunda's resource wraps the
 * refusal in a 500 (changing or removing a task's variables through {@code POST/DELETE .../variables}, where
 * {@code PUT} already answers 400). The message is Camunda's, which carries Caseway's reason. Only Caseway's own
 * refusals: the engine's BadUserRequestExceptions inside a 500 (a suspended definition met by a delegate, say) are
 * server faults of that request and keep Camunda's answer.
 */
@Priority(ConcurrentChangeMapper.AHEAD_OF_CAMUNDA)
final class RequestRefusedMapper implements ExtendedExceptionMapper<RestException> {

    @Override
    public boolean isMappable(RestException exception) {
        return exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR
                && Causes.find(exception, RequestRefusedException.class).isPresent();
    }

    @Override
    public Response toResponse(RestException exception) {
        return ExceptionHandlerHelper.getInstance().getResponse(
                new InvalidRequestException(Response.Status.BAD_REQUEST, exception.getMessage()));
    }
}
