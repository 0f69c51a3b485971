package org.caseway.system;

import java.util.Optional;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * A request refused because the case changed at the same moment: the engine's optimistic locking found a row
 * that another transaction (another person, another node, a deadline's job) changed after this request read
 * it. The whole transaction was rolled back, so nothing of the request was saved and nothing of the other
 * change was lost; the client reloads and tries again. Both APIs answer it with 409 and {@link #MESSAGE}.
 */
public final class ConcurrentChange {

    /** What the client is told: no engine internals, no entity ids, none of the data it sent. */
    public static final String MESSAGE = "The case changed at the same moment (another person, another node or a "
            + "deadline); nothing of this request was saved. Reload the case and try again.";

    private ConcurrentChange() {
    }

    /** The optimistic-locking failure this exception is, or is caused by, if any. */
    public static Optional<OptimisticLockingException> in(Throwable exception) {
        return Causes.find(exception, OptimisticLockingException.class);
    }
}
