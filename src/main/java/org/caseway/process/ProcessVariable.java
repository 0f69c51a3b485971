package org.caseway.process;

import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A process variable with its name and type in one place. Delegates, listeners, controllers and
 * tests read and write variables only through these constants.
 */
public final class ProcessVariable<T> {

    private final String name;
    private final Class<T> type;

    private ProcessVariable(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name);
        this.type = Objects.requireNonNull(type);
    }

    public static ProcessVariable<String> stringVariable(String name) {
        return new ProcessVariable<>(name, String.class);
    }

    public static ProcessVariable<Long> longVariable(String name) {
        return new ProcessVariable<>(name, Long.class);
    }

    public static ProcessVariable<Boolean> booleanVariable(String name) {
        return new ProcessVariable<>(name, Boolean.class);
    }

    public String name() {
        return name;
    }

    /** The value in the scope (or a parent scope), or null when it is not set. */
    public T from(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("Variable '" + name + "' holds " + value.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }

    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /** Sets the value on this scope only (a task's own variables, for display in its form). */
    public void setLocal(VariableScope scope, T value) {
        scope.setVariableLocal(name, value instanceof String text
                ? org.caseway.casefile.stage.Markdown.cap(text) : value);
    }

    public void remove(VariableScope scope) {
        scope.removeVariable(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
