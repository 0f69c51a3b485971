package org.caseway.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.glassfish.jersey.server.ParamException;

/**
 * A request parameter that cannot be converted to its type ({@code maxResults=ten}, {@code firstResult=-}) is a 400
 * naming the parameter. JAX-RS answers a query, path or matrix parameter that does not convert with 404 "HTTP 404 Not
 * Found", as if the resource did not exist, and Camunda's handler passes that on: the caller cannot tell a typo in a
 * number from a wrong address. The body is Camunda's error format; the value sent is not repeated.
 */
@Priority(ConcurrentChangeMapper.AHEAD_OF_CAMUNDA)
final class BadParameterMapper implements ExceptionMapper<ParamException> {

    @Override
    public Response toResponse(ParamException exception) {
        String kind = exception instanceof ParamException.QueryParamException ? "Query parameter"
                : exception instanceof ParamException.PathParamException ? "Path parameter"
                : exception instanceof ParamException.FormParamException ? "Form parameter"
                : exception instanceof ParamException.HeaderParamException ? "Header"
                : exception instanceof ParamException.CookieParamException ? "Cookie" : "Parameter";
        return ExceptionHandlerHelper.getInstance().getResponse(new InvalidRequestException(Response.Status.BAD_REQUEST,
                kind + " '" + exception.getParameterName() + "' has a value that is not of its type"
                        + (Causes.find(exception, NumberFormatException.class).isPresent() ? " (a whole number)" : "")));
    }
}
