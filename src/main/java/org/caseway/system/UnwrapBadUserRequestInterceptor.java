package org.caseway.system;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * The engine wraps an exception thrown by a task listener in a generic ProcessEngineException,
 * which its REST API answers with 500. When the cause is a refusal of bad input (a form
 * validation failure or a {@link BadUserRequestException}), this outermost command
 * interceptor rethrows the cause, so REST clients and Tasklist get a 400 with the field named. The
 * transaction is rolled back either way: nothing of the refused step is kept.
 *
 * <p>Inside the command context, {@link MarkRefusals} hands a refusal to the context as a
 * {@link RefusedRequest}: the engine logs a BadUserRequestException at DEBUG, where it logs anything else that
 * ends a command at ERROR with its stack trace (ENGINE-16004), once for every form a person submits with a
 * mistake.
 */
class UnwrapBadUserRequestInterceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        try {
            return next.execute(command);
        } catch (ProcessEngineException e) {
            Throwable refusal = refusalIn(e);
            if (refusal != null && refusal != e) {
                throw (ProcessEngineException) refusal;
            }
            throw e;
        }
    }

    /** The refusal of bad input in the exception's causes, the exception itself included; null if none. */
    static Throwable refusalIn(Throwable exception) {
        Throwable cause = exception;
        while (cause != null && !isRefusal(cause)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isRefusal(Throwable t) {
        return t instanceof FormFieldValidationException
                || t.getClass() == BadUserRequestException.class && t.getMessage() != null
                        && (t.getMessage().contains("does not belong to"));
    }

    /** Registered after the engine's command context interceptor: what ends a command reaches the context through it. */
    static final class MarkRefusals extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            try {
                return next.execute(command);
            } catch (ProcessEngineException e) {
                if (!(e instanceof BadUserRequestException) && refusalIn(e) != null) {
                    throw new RefusedRequest(e);
                }
                throw e;
            }
        }
    }

    /** A refusal of bad input on its way out of the command context; the outer interceptor unwraps it again. */
    static final class RefusedRequest extends BadUserRequestException {

        RefusedRequest(ProcessEngineException refusal) {
            super(refusal.getMessage(), refusal);
        }
    }
}
