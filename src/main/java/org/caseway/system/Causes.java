package org.caseway.system;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/** Looks through an exception and its causes, as the engine and Camunda's REST layer wrap one in another. */
final class Causes {

    private Causes() {
    }

    /** The first exception of this type in the chain, the exception itself included; a cycle ends the search. */
    static <T extends Throwable> Optional<T> find(Throwable exception, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = exception; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }
}
