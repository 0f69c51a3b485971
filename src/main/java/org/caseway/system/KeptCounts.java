package org.caseway.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The large task counts of {@link LargeTaskCounts}: per person, per digest of a query, the count and when it was made.
 * At most {@link #MAX_PEOPLE} people and {@link #MAX_PER_PERSON} queries each; counts past {@code keptFor} are dropped
 * when a person's counts are next touched, or everyone's when the store is full.
 */
final class KeptCounts {

    static final int MAX_PEOPLE = 10_000;
    static final int MAX_PER_PERSON = 32;

    private final long freshForNanos;
    private final long keptForNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Map<String, Count>> byPerson = new ConcurrentHashMap<>();
    private final LongAdder refreshes = new LongAdder();

    KeptCounts(long freshForNanos, long keptForNanos, LongSupplier nanoTime) {
        this.freshForNanos = freshForNanos;
        this.keptForNanos = keptForNanos;
        this.nanoTime = nanoTime;
    }

    /**
     * What to answer for this person's query: its kept count, and whether to make it again in the background (it is
     * past {@code freshFor} and no one is making it yet); null if none is kept or it is past {@code keptFor}.
     */
    Answer answer(String person, String digest) {
        Map<String, Count> counts = byPerson.get(person);
        Count count = counts == null ? null : counts.get(digest);
        if (count == null) {
            return null;
        }
        long age = nanoTime.getAsLong() - count.madeAt();
        if (age >= keptForNanos) {
            counts.remove(digest, count);
            return null;
        }
        boolean refresh = age >= freshForNanos && count.refreshing().compareAndSet(false, true);
        return new Answer(count.value(), refresh);
    }

    boolean holdsAnyOf(String person) {
        Map<String, Count> counts = byPerson.get(person);
        return counts != null && !counts.isEmpty();
    }

    void put(String person, String digest, long value) {
        long now = nanoTime.getAsLong();
        if (!byPerson.containsKey(person) && byPerson.size() >= MAX_PEOPLE) {
            dropExpired(now);
            if (byPerson.size() >= MAX_PEOPLE) {
                return;
            }
        }
        Map<String, Count> counts = byPerson.computeIfAbsent(person, p -> new ConcurrentHashMap<>());
        if (!counts.containsKey(digest) && counts.size() >= MAX_PER_PERSON) {
            counts.values().removeIf(count -> now - count.madeAt() >= keptForNanos);
            if (counts.size() >= MAX_PER_PERSON) {
                return;
            }
        }
        counts.put(digest, new Count(value, now, new AtomicBoolean()));
    }

    /** A count made again in the background. */
    void refreshed(String person, String digest, long value) {
        refreshes.increment();
        Map<String, Count> counts = byPerson.get(person);
        if (counts != null && counts.containsKey(digest)) {
            counts.put(digest, new Count(value, nanoTime.getAsLong(), new AtomicBoolean()));
        }
    }

    void remove(String person, String digest) {
        Map<String, Count> counts = byPerson.get(person);
        if (counts != null) {
            counts.remove(digest);
        }
    }

    int size() {
        return byPerson.values().stream().mapToInt(Map::size).sum();
    }

    long refreshes() {
        return refreshes.sum();
    }

    private void dropExpired(long now) {
        byPerson.values().forEach(counts -> counts.values().removeIf(count -> now - count.madeAt() >= keptForNanos));
        byPerson.values().removeIf(Map::isEmpty);
    }

    /** A kept count, when it was made, and whether it is being made again. */
    private record Count(long value, long madeAt, AtomicBoolean refreshing) {
    }

    /** A kept count to answer with, and whether the caller is to make it again. */
    record Answer(long count, boolean refresh) {
    }
}
