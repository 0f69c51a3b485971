package org.caseway.casefile.stage;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ExceptionUtil;
import org.camunda.bpm.engine.variable.VariableMap;
import org.caseway.system.RequestRefusedException;
import org.springframework.stereotype.Component;

/**
 * The engine's task and form services with {@link RoutingVariableGuard} in front of every call that sets or
 * removes variables through a task (of its process or its own): REST clients, Tasklist and Java callers all go
 * through these.
 * A call that sends none of the processes' kept variables goes straight to the engine; otherwise the check and
 * the engine's own command run in one command, where the task is read once.
 */
@Component
class RoutingVariableGuardPlugin extends AbstractProcessEnginePlugin {

    private final RoutingVariableGuard guard;

    RoutingVariableGuardPlugin(RoutingVariableGuard guard) {
        this.guard = guard;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTaskService(new GuardedTaskService(guard));
        configuration.setFormService(new GuardedFormService(guard));
    }

    /** What a check sees: the command's context and the task, when it exists (else the engine answers). */
    @FunctionalInterface
    private interface Check {
        void run(CommandContext context, TaskEntity task);
    }

    /** Runs the engine's call, after the check when the call sends or removes a kept variable. */
    private static <T> T guarded(RoutingVariableGuard guard, CommandExecutor executor, String taskId,
                                 Map<String, ?> variables, Collection<String> removed, Check check, Supplier<T> engine) {
        if (!guard.concerns(variables == null ? null : variables.keySet()) && !guard.concerns(removed)) {
            return engine.get();
        }
        return executor.execute(context -> {
            TaskEntity task = taskId == null ? null : context.getTaskManager().findTaskById(taskId);
            if (task != null) {
                check.run(context, task);
            }
            return engine.get();
        });
    }

    private static boolean valueTooLong(Throwable exception) {
        for (Throwable t = exception; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ProcessEngineException engine && ExceptionUtil.checkValueTooLongException(engine)) {
                return true;
            }
        }
        return false;
    }

    private static Supplier<Object> run(Runnable call) {
        return () -> {
            call.run();
            return null;
        };
    }

    static final class GuardedTaskService extends TaskServiceImpl {

        private final RoutingVariableGuard guard;

        GuardedTaskService(RoutingVariableGuard guard) {
            this.guard = guard;
        }

        @Override
        public void complete(String taskId, Map<String, Object> variables) {
            completing(taskId, variables, run(() -> super.complete(taskId, variables)));
        }

        @Override
        public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables, boolean deserialize) {
            return completing(taskId, variables, () -> super.completeWithVariablesInReturn(taskId, variables, deserialize));
        }

        @Override
        public void resolveTask(String taskId, Map<String, Object> variables) {
            changing(taskId, variables, null, false, run(() -> super.resolveTask(taskId, variables)));
        }

        @Override
        protected void setVariables(String taskId, Map<String, ?> variables, boolean local) {
            changing(taskId, variables, null, local, run(() -> super.setVariables(taskId, variables, local)));
        }

        @Override
        protected void updateVariables(String taskId, Map<String, ?> modifications, Collection<String> deletions,
                                       boolean local) {
            changing(taskId, modifications, deletions, local,
                    run(() -> super.updateVariables(taskId, modifications, deletions, local)));
        }

        @Override
        public void removeVariable(String taskId, String variableName) {
            changing(taskId, null, List.of(variableName), false, run(() -> super.removeVariable(taskId, variableName)));
        }

        @Override
        public void removeVariableLocal(String taskId, String variableName) {
            changing(taskId, null, List.of(variableName), true, run(() -> super.removeVariableLocal(taskId, variableName)));
        }

        @Override
        public void removeVariables(String taskId, Collection<String> variableNames) {
            changing(taskId, null, variableNames, false, run(() -> super.removeVariables(taskId, variableNames)));
        }

        @Override
        public void removeVariablesLocal(String taskId, Collection<String> variableNames) {
            changing(taskId, null, variableNames, true, run(() -> super.removeVariablesLocal(taskId, variableNames)));
        }

        @Override
        public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
            changing(taskId, variables, null, false,
                    run(() -> super.handleBpmnError(taskId, errorCode, errorMessage, variables)));
        }

        @Override
        public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
            changing(taskId, variables, null, false, run(() -> super.handleEscalation(taskId, escalationCode, variables)));
        }

        private <T> T completing(String taskId, Map<String, ?> variables, Supplier<T> engine) {
            return guarded(guard, commandExecutor, taskId, variables, null,
                    (context, task) -> guard.checkCompletion(context, task, variables), engine);
        }

        private <T> T changing(String taskId, Map<String, ?> variables, Collection<String> removed, boolean local,
                               Supplier<T> engine) {
            try {
                return guarded(guard, commandExecutor, taskId, variables, removed,
                        (context, task) -> guard.checkVariables(context, task, variables, removed, local), engine);
            } catch (ProcessEngineException e) {
                // the database refusing a value is the request's fault: a 400 on every variables endpoint (the engine
                // says so only when it writes inside its own call, and Camunda's POST/DELETE answer that with 500)
                if (valueTooLong(e)) {
                    throw new RequestRefusedException("Variable value is too long", e);
                }
                throw e;
            }
        }
    }

    static final class GuardedFormService extends FormServiceImpl {

        private final RoutingVariableGuard guard;

        GuardedFormService(RoutingVariableGuard guard) {
            this.guard = guard;
        }

        @Override
        public void submitTaskForm(String taskId, Map<String, Object> properties) {
            submitting(taskId, properties, run(() -> super.submitTaskForm(taskId, properties)));
        }

        @Override
        public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
                                                               boolean deserializeValues) {
            return submitting(taskId, properties,
                    () -> super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues));
        }

        private <T> T submitting(String taskId, Map<String, ?> properties, Supplier<T> engine) {
            return guarded(guard, commandExecutor, taskId, properties, null,
                    (context, task) -> guard.checkCompletion(context, task, properties), engine);
        }
    }
}
