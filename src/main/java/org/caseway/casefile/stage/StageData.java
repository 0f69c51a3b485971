package org.caseway.casefile.stage;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The checked values a step submitted, by field name. */
public final class StageData {

    private final Map<String, Object> values;

    StageData(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static StageData of(Map<String, Object> values) {
        return new StageData(values);
    }

    public String text(String field) {
        return (String) values.get(field);
    }

    public LocalDate date(String field) {
        return (LocalDate) values.get(field);
    }

    public boolean flag(String field) {
        return Boolean.TRUE.equals(values.get(field));
    }

    public Long number(String field) {
        return (Long) values.get(field);
    }

    /** The checked value as the flow routes on it (String, Boolean, Long, or a date as text). */
    public Object value(String field) {
        Object value = values.get(field);
        return value instanceof LocalDate date ? date.toString() : value;
    }

    public boolean has(String field) {
        return values.get(field) != null;
    }

    Map<String, Object> values() {
        return values;
    }
}
