package org.caseway.casefile.stage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/** Collects every problem of a submission, so the user is told about all bad fields at once. */
public final class Problems {

    private final Map<String, String> byField = new LinkedHashMap<>();

    /** Records a problem and returns null, so converters can `return problems.add(...)`. */
    public Object add(String field, String problem) {
        byField.putIfAbsent(field, problem);
        return null;
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** Throws a 400-mapped engine exception that names each bad field. */
    public void throwIfAny(String taskKey) {
        throwIfAny(taskKey, java.util.function.Function.identity());
    }

    /** As {@link #throwIfAny(String)}, naming fields by their label on the form ("Provider": is required). */
    public void throwIfAny(String taskKey, java.util.function.Function<String, String> label) {
        if (!byField.isEmpty()) {
            StringBuilder message = new StringBuilder("Cannot complete '").append(taskKey).append("': ");
            byField.forEach((field, problem) -> {
                String shown = label.apply(field);
                message.append(shown.equals(field) ? field : "\u201c" + shown + "\u201d (" + field + ")")
                        .append(' ').append(problem).append("; ");
            });
            throw new InvalidStageDataException(message.substring(0, message.length() - 2), byField);
        }
    }

    /**
     * A form validation failure: the engine's REST API (and so Tasklist) answers it with 400 and
     * its message, once {@code UnwrapBadUserRequestInterceptor} has taken it out of the engine's
     * listener-exception wrapper.
     */
    public static final class InvalidStageDataException extends FormFieldValidationException {
        private final Map<String, String> problems;

        InvalidStageDataException(String message, Map<String, String> problems) {
            super(String.join(",", problems.keySet()), message);
            this.problems = Map.copyOf(problems);
        }

        public Map<String, String> problems() {
            return problems;
        }
    }
}
