package org.caseway.system;

import java.lang.reflect.Field;

/**
 * Private fields of the engine's and MyBatis's classes, for the plugins that change what those libraries offer no
 * setting for ({@link DynamicSqlCaches}, {@link OwnFiltersForAdministrators}). A field a newer version renamed fails
 * the start-up with its class and name, not a later request.
 */
final class PrivateFields {

    private PrivateFields() {
    }

    static Field of(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type.getName() + " has no field " + name
                    + ": a version of it that Caseway does not know", e);
        }
    }

    static Object get(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static void set(Field field, Object target, Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
