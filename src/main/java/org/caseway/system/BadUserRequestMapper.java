package org.caseway.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;

/**
 * A request the engine refused as bad ({@link BadUserRequestException}) is a 400, also where Camunda's resource wraps
 * the refusal in a 500 (changing or removing a task's variables through {@code POST/DELETE .../variables}, where
 * {@code PUT} already answers 400). The message is Camunda's, which carries the engine's reason. A missing value (the
 * engine's NullValueException, not a BadUserRequestException) is left to {@link TaskNotFoundMapper} and Camunda.
 */
@Priority(ConcurrentChangeMapper.AHEAD_OF_CAMUNDA)
final class BadUserRequestMapper implements ExtendedExceptionMapper<RestException> {

    @Override
    public boolean isMappable(RestException exception) {
        return exception.getStatus() == Response.Status.INTERNAL_SERVER_ERROR
                && Causes.find(exception, BadUserRequestException.class).isPresent();
    }

    @Override
    public Response toResponse(RestException exception) {
        return ExceptionHandlerHelper.getInstance().getResponse(
                new InvalidRequestException(Response.Status.BAD_REQUEST, exception.getMessage()));
    }
}
