package org.caseway.casefile.stage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The fields of one step's form (the .form file in forms/ with the same name as the task key). */
public record StageForm(String taskKey, List<FormField> fields) {

    public static StageForm of(String taskKey, FormField... fields) {
        return new StageForm(taskKey, List.of(fields));
    }

    /** Reads and checks every field; problems are collected, not thrown. */
    StageData read(Function<String, Object> variables, Problems problems) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FormField field : fields) {
            values.put(field.name(), field.convert(variables.apply(field.name()), problems));
        }
        return new StageData(values);
    }

    /** Structured values for the case record (notes excluded, they become case notes). */
    Map<String, Object> structured(StageData data) {
        Map<String, Object> record = new LinkedHashMap<>();
        for (FormField field : fields) {
            Object value = data.values().get(field.name());
            if (!field.note() && value != null) {
                record.put(field.name(), value instanceof java.time.LocalDate d ? d.toString() : value);
            }
        }
        return record;
    }
}
