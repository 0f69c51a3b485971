package org.caseway.casefile.stage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of a step's form, as the server checks it: Tasklist validates in the browser, but a
 * task can also be completed through /engine-rest, so every rule is checked again here.
 *
 * @param routes  kept as a process variable after the step (the flow routes on it); other
 *                fields are moved into Caseway's tables and removed from the process
 * @param note    free text: stored as a case note, not in the structured record
 */
public record FormField(String name, Kind kind, boolean mandatory, int maxLength, List<String> values,
                        long min, long max, Pattern pattern, boolean routes, boolean note) {

    public enum Kind { TEXT, CHOICE, DATE, FLAG, NUMBER }

    public static FormField text(String name, int maxLength) {
        return new FormField(name, Kind.TEXT, false, maxLength, List.of(), 0, 0, null, false, false);
    }

    public static FormField note(String name, int maxLength) {
        return new FormField(name, Kind.TEXT, false, maxLength, List.of(), 0, 0, null, false, true);
    }

    public static FormField choice(String name, String... values) {
        return new FormField(name, Kind.CHOICE, false, 0, List.of(values), 0, 0, null, false, false);
    }

    public static FormField date(String name) {
        return new FormField(name, Kind.DATE, false, 0, List.of(), 0, 0, null, false, false);
    }

    public static FormField flag(String name) {
        return new FormField(name, Kind.FLAG, false, 0, List.of(), 0, 0, null, false, false);
    }

    public static FormField number(String name, long min, long max) {
        return new FormField(name, Kind.NUMBER, false, 0, List.of(), min, max, null, false, false);
    }

    public FormField required() {
        return new FormField(name, kind, true, maxLength, values, min, max, pattern, routes, note);
    }

    public FormField routing() {
        return new FormField(name, kind, mandatory, maxLength, values, min, max, pattern, true, note);
    }

    public FormField matching(String regex) {
        return new FormField(name, kind, mandatory, maxLength, values, min, max, Pattern.compile(regex), routes, note);
    }

    /**
     * Converts a submitted value to its Java type (String, LocalDate, Boolean, Long), or adds a
     * problem naming the field. Blank text and absent values count as missing.
     */
    Object convert(Object raw, Problems problems) {
        if (raw instanceof String s && s.isBlank()) {
            raw = null;
        }
        if (raw == null) {
            if (mandatory) {
                problems.add(name, "is required");
            }
            return kind == Kind.FLAG ? Boolean.FALSE : null;
        }
        return switch (kind) {
            case TEXT -> text(raw, problems);
            case CHOICE -> choice(raw, problems);
            case DATE -> date(raw, problems);
            case FLAG -> flag(raw, problems);
            case NUMBER -> number(raw, problems);
        };
    }

    private Object text(Object raw, Problems problems) {
        if (!(raw instanceof String s)) {
            return problems.add(name, "must be text");
        }
        String value = s.strip();
        if (value.length() > maxLength) {
            return problems.add(name, "must be at most " + maxLength + " characters");
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            return problems.add(name, "has an invalid format");
        }
        return value;
    }

    private Object choice(Object raw, Problems problems) {
        String value = String.valueOf(raw);
        if (!values.contains(value)) {
            return problems.add(name, "must be one of " + String.join(", ", values));
        }
        return value;
    }

    private Object date(Object raw, Problems problems) {
        if (raw instanceof Date d) {
            return d.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
        }
        if (raw instanceof String s) {
            try {
                return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        return problems.add(name, "must be a date (YYYY-MM-DD)");
    }

    private Object flag(Object raw, Problems problems) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if ("true".equals(raw) || "false".equals(raw)) {
            return Boolean.valueOf((String) raw);
        }
        return problems.add(name, "must be true or false");
    }

    private Object number(Object raw, Problems problems) {
        long value;
        try {
            BigDecimal decimal = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString());
            value = decimal.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            return problems.add(name, "must be a whole number");
        }
        if (value < min || value > max) {
            return problems.add(name, "must be between " + min + " and " + max);
        }
        return value;
    }
}
