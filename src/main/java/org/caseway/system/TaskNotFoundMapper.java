package org.caseway.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.InvalidRequestException;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.camunda.bpm.engine.rest.sub.task.TaskResource;
import org.camunda.bpm.engine.rest.util.EngineUtil;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a request about a task that does not exist (completing, submitting the form of, claiming... an unknown or
 * already completed task) with 404 and Camunda's own not-found answer, {@code {"type": "InvalidRequestException",
 * "message": "No matching task with id <id>"}}, the one Camunda gives a read of an unknown task. Camunda answers these
 * with 500: the engine says "Cannot find task with id ...: task is null" by a NullValueException, which Camunda's
 * task resource wraps in a RestException with status 500 (complete, submit-form) or lets through (claim, assignee...).
 *
 * <p>No message is parsed. This mapper only claims ({@link #isMappable}) an exception Camunda would answer with 500,
 * caused by the engine's NullValueException (or a NullPointerException, see {@link OfNullPointer}), of a request to a
 * task resource ({@code .../task/{id}/...}), and only when the task really is not there: the engine's own lookup by
 * id, without authorization, finds nothing. A null inside the completion of a task that exists (a listener's bug)
 * stays Camunda's 500, and every 4xx stays as it is.
 * The message is Camunda's own wording on purpose: Tasklist recognizes "No matching task" and tells the person
 * "The task does not exist anymore" and closes the task.
 */
abstract class TaskNotFoundMapper<E extends Throwable> implements ExtendedExceptionMapper<E> {

    /** Ahead of Camunda's mappers; after the concurrent-change mappers, though no exception is claimed by both. */
    static final int AHEAD_OF_CAMUNDA = ConcurrentChangeMapper.AHEAD_OF_CAMUNDA + 10;

    /** The path parameters of Camunda's resources: the task's id, the engine's name (only on .../engine/{name}/...). */
    private static final String TASK_ID = "id";
    private static final String ENGINE_NAME = "name";

    private static final Logger log = LoggerFactory.getLogger(TaskNotFoundMapper.class);

    @Context
    private UriInfo request;

    @Override
    public boolean isMappable(E exception) {
        return ExceptionHandlerHelper.getInstance().getStatus(exception) == Response.Status.INTERNAL_SERVER_ERROR
                && (Causes.find(exception, NullValueException.class).isPresent() || exception instanceof NullPointerException)
                && missingTask().isPresent();
    }

    @Override
    public Response toResponse(E exception) {
        String taskId = missingTaskId().orElseThrow();
        log.debug("404 for task {} that does not exist ({})", taskId, exception.getClass().getSimpleName());
        return ExceptionHandlerHelper.getInstance().getResponse(
                new InvalidRequestException(Response.Status.NOT_FOUND, "No matching task with id " + taskId));
    }

    /** The id of the task this request is about, if it is about a task. */
    private Optional<String> missingTaskId() {
        if (request.getMatchedResources().stream().noneMatch(TaskResource.class::isInstance)) {
            return Optional.empty();
        }
        return Optional.ofNullable(request.getPathParameters().getFirst(TASK_ID));
    }

    /** The id of the task this request is about, if there is no such task. */
    private Optional<String> missingTask() {
        return missingTaskId().filter(taskId -> {
            try {
                MultivaluedMap<String, String> path = request.getPathParameters();
                ProcessEngine engine = EngineUtil.lookupProcessEngine(path.getFirst(ENGINE_NAME));
                // the engine's own lookup (CompleteTaskCmd, ClaimTaskCmd...): by id, no authorization check
                return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                        .getCommandExecutorTxRequired()
                        .execute(commandContext -> commandContext.getTaskManager().findTaskById(taskId) == null);
            } catch (RuntimeException e) {
                log.warn("Could not tell whether task {} exists; Camunda's answer stands", taskId, e);
                return false;
            }
        });
    }

    /** Ahead of Camunda's RestExceptionHandler: complete and submit-form wrap the engine's exception in a RestException. */
    @Priority(AHEAD_OF_CAMUNDA)
    static final class OfRestException extends TaskNotFoundMapper<RestException> {
    }

    /** Ahead of Camunda's ProcessEngineExceptionHandler: claim, assignee and others let the engine's exception through. */
    @Priority(AHEAD_OF_CAMUNDA)
    static final class OfEngineException extends TaskNotFoundMapper<ProcessEngineException> {
    }

    /**
     * Ahead of Camunda's handler of everything else: the deployed form of an unknown task ends in a plain
     * NullPointerException inside the engine (Camunda 7.24), which Camunda answers with 500 and the exception's name.
     */
    @Priority(AHEAD_OF_CAMUNDA)
    static final class OfNullPointer extends TaskNotFoundMapper<NullPointerException> {
    }
}
