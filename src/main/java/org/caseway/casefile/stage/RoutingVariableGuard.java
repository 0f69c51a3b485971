package org.caseway.casefile.stage;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps the variables a case's processes route on out of reach of the task APIs. Completing a task sets the
 * submitted variables on its process, so without this a client could send, with any task, the case manager,
 * the contact counters, the escalation's late task or another stage's decision, and the flow would route on
 * them. A task's completion may set only the routing fields of its own form; a task's (non-local) variable
 * endpoints may set none. A value sent unchanged is accepted (a client echoing what it read).
 *
 * <p>Checked by {@link RoutingVariableGuardPlugin}'s task and form services before the engine changes anything,
 * in the same command, so a refusal keeps the task and the case as they were. The caller's right to work on the
 * task is checked before a refusal is given, so it tells nobody else that the task exists.
 */
@Component
public class RoutingVariableGuard {

    private final ObjectProvider<StageRecorders> recorders;
    private volatile Map<String, Set<String>> formFieldsByTaskKey;

    RoutingVariableGuard(ObjectProvider<StageRecorders> recorders) {
        this.recorders = recorders;
    }

    /** Whether any of these names is one the processes keep: only then is the task looked at. */
    boolean concerns(Collection<String> names) {
        return names != null && names.stream().anyMatch(Variables.KEPT::contains);
    }

    /** Completing (or submitting the form of) the task with these variables. */
    void checkCompletion(CommandContext context, TaskEntity task, Map<String, ?> variables) {
        Set<String> refused = refused(task, variables, formFields(task.getTaskDefinitionKey()));
        if (refused.isEmpty()) {
            return;
        }
        checkers(context).forEach(checker -> checker.checkTaskWork(task));
        Problems problems = new Problems();
        refused.forEach(name -> problems.add(name, "is set by Caseway, not by this task's form"));
        problems.throwIfAny(task.getTaskDefinitionKey());
    }

    /** Setting or removing variables of the task's process through the task. */
    void checkVariables(CommandContext context, TaskEntity task, Map<String, ?> variables, Collection<String> removed) {
        Set<String> refused = refused(task, variables, Set.of());
        if (removed != null && task.getExecution() != null) {
            removed.stream().filter(Variables.KEPT::contains).filter(name -> task.getExecution().hasVariable(name))
                    .forEach(refused::add);
        }
        if (refused.isEmpty()) {
            return;
        }
        checkers(context).forEach(checker -> checker.checkUpdateTaskVariable(task));
        throw new BadUserRequestException("Cannot change " + String.join(", ", refused) + " through task '"
                + task.getTaskDefinitionKey() + "': set by Caseway, not through a task's variables");
    }

    private static Set<String> refused(TaskEntity task, Map<String, ?> variables, Set<String> allowed) {
        Set<String> refused = new TreeSet<>();
        if (variables == null || task.getExecution() == null) {
            return refused;
        }
        variables.forEach((name, value) -> {
            if (Variables.KEPT.contains(name) && !allowed.contains(name)
                    && !same(task.getExecution().getVariable(name), value)) {
                refused.add(name);
            }
        });
        return refused;
    }

    private static boolean same(Object current, Object sent) {
        Object value = sent instanceof TypedValue typed ? typed.getValue() : sent;
        if (current instanceof Number a && value instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        return Objects.equals(current, value);
    }

    private Set<String> formFields(String taskKey) {
        Map<String, Set<String>> fields = formFieldsByTaskKey;
        if (fields == null) {
            fields = recorders.getObject().all().entrySet().stream().collect(Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, e -> e.getValue().form().fields().stream().map(FormField::name)
                            .collect(Collectors.toUnmodifiableSet())));
            formFieldsByTaskKey = fields;
        }
        return fields.getOrDefault(taskKey, Set.of());
    }

    private static java.util.List<CommandChecker> checkers(CommandContext context) {
        return context.getProcessEngineConfiguration().getCommandCheckers();
    }
}
