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
 */
class UnwrapBadUserRequestInterceptor extends CommandInterceptor {

    @Override
    public <T> T execute(Command<T> command) {
        try {
            return next.execute(command);
        } catch (ProcessEngineException e) {
            Throwable cause = e;
            while (cause != null && !isRefusal(cause)) {
                cause = cause.getCause();
            }
            if (cause != null && cause != e) {
                throw (ProcessEngineException) cause;
            }
            throw e;
        }
    }

    private static boolean isRefusal(Throwable t) {
        return t instanceof FormFieldValidationException
                || t.getClass() == BadUserRequestException.class && t.getMessage() != null
                        && (t.getMessage().contains("does not belong to"));
    }
}
