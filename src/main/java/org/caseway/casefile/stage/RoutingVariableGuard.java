package org.caseway.casefile.stage;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.cfg.CommandChecker;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.DelegationState;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.caseway.system.RequestRefusedException;
import org.caseway.process.CaseProcess.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps the variables a case's processes route on out of reach of the task APIs. Completing a task sets the
 * submitted variables on its process, so without this a client could send, with any task, the case manager,
 * the contact counters, the escalation's late task or another stage's decision, and the flow would route on
 * them. A task's completion may set only the fields of its own form (those that are not routing fields are removed
 * after they are recorded); a task's variable endpoints, its own variables included, and resolving a delegated task
 * may set none. A value sent back exactly as it is stored is accepted (a client echoing what it read).
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

    /**
     * Completing (or submitting the form of) the task with these variables: its own form's fields are allowed, unless
     * the task is delegated and waiting to be resolved (then no listener checks what is sent).
     */
    void checkCompletion(CommandContext context, TaskEntity task, Map<String, ?> variables) {
        Set<String> allowed = task.getDelegationState() == DelegationState.PENDING ? Set.of()
                : formFields(task.getTaskDefinitionKey());
        Set<String> refused = refused(task.getExecution(), false, variables, allowed);
        if (refused.isEmpty()) {
            return;
        }
        checkers(context).forEach(checker -> checker.checkTaskWork(task));
        Problems problems = new Problems();
        refused.forEach(name -> problems.add(name, "is set by Caseway, not by this task's form"));
        problems.throwIfAny(task.getTaskDefinitionKey());
    }

    /**
     * Setting or removing variables through the task: of its process (local false) or of the task itself (Caseway's
     * recorders read a stage's routing values from the task first), and resolving a delegated task.
     */
    void checkVariables(CommandContext context, TaskEntity task, Map<String, ?> variables, Collection<String> removed,
                        boolean local) {
        VariableScope scope = local ? task : task.getExecution();
        Set<String> refused = refused(scope, local, variables, Set.of());
        if (removed != null && scope != null) {
            removed.stream().filter(Variables.KEPT::contains)
                    .filter(name -> local ? scope.hasVariableLocal(name) : scope.hasVariable(name))
                    .forEach(refused::add);
        }
        if (refused.isEmpty()) {
            return;
        }
        checkers(context).forEach(checker -> checker.checkUpdateTaskVariable(task));
        throw new RequestRefusedException("Cannot change " + String.join(", ", refused) + " through task '"
                + task.getTaskDefinitionKey() + "': set by Caseway, not through a task's variables");
    }

    /** The kept variables among those sent that are not allowed and not sent back exactly as they are. */
    private static Set<String> refused(VariableScope scope, boolean local, Map<String, ?> variables, Set<String> allowed) {
        Set<String> refused = new TreeSet<>();
        if (variables == null || scope == null) {
            return refused;
        }
        for (String name : variables.keySet()) {
            if (Variables.KEPT.contains(name) && !allowed.contains(name) && !unchanged(scope, local, name, sent(variables, name))) {
                refused.add(name);
            }
        }
        return refused;
    }

    /** The value sent, without deserializing it (a serialized object is never a kept variable's value). */
    private static Object sent(Map<String, ?> variables, String name) {
        Object value = variables instanceof VariableMap typed ? typed.getValueTyped(name) : variables.get(name);
        return value instanceof TypedValue typed ? (typed instanceof SerializableValue ? typed : typed.getValue()) : value;
    }

    /** The variable exists and the value sent is the same, of the same Java type (2 for a stored 2L is a change). */
    private static boolean unchanged(VariableScope scope, boolean local, String name, Object sent) {
        if (!(local ? scope.hasVariableLocal(name) : scope.hasVariable(name))) {
            return false;
        }
        Object current = local ? scope.getVariableLocal(name) : scope.getVariable(name);
        return current != null && sent != null && current.getClass() == sent.getClass() && current.equals(sent);
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
