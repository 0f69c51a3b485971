package org.caseway.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The large task counts of {@link LargeTaskCounts}: per person, per digest of a query, the count and when it was made.
 * At most {@link #MAX_PEOPLE} people and {@link #MAX_PER_PERSON} queries each (about 16 MB at most); counts past
 * {@code keptFor} are dropped when a person's counts are next touched, or everyone's, at most once per {@code freshFor},
 * when the store is full. A count made again replaces the one it was made for only if that one is still kept: a
 * refresh that took long does not overwrite a newer count, nor bring back one that was dropped meanwhile.
 */
final class KeptCounts {

    static final int MAX_PEOPLE = 5_000;
    static final int MAX_PER_PERSON = 16;

    private final long freshForNanos;
    private final long keptForNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Map<String, Count>> byPerson = new ConcurrentHashMap<>();
    private final LongAdder refreshes = new LongAdder();
    private final AtomicLong lastSweep;

    KeptCounts(long freshForNanos, long keptForNanos, LongSupplier nanoTime) {
        this.freshForNanos = freshForNanos;
        this.keptForNanos = keptForNanos;
        this.nanoTime = nanoTime;
        this.lastSweep = new AtomicLong(nanoTime.getAsLong() - freshForNanos);
    }

    /**
     * What to answer for this person's query: its kept count, and whether to make it again in the background (it is
     * past {@code freshFor} and no one is making it yet; the answer then names the count being made again); null if
     * none is kept or it is past {@code keptFor}.
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
        return new Answer(count.value(), refresh ? count : null);
    }

    boolean holdsAnyOf(String person) {
        Map<String, Count> counts = byPerson.get(person);
        return counts != null && !counts.isEmpty();
    }

    void put(String person, String digest, long value) {
        long now = nanoTime.getAsLong();
        if (!byPerson.containsKey(person) && byPerson.size() >= MAX_PEOPLE) {
            long last = lastSweep.get();
            if (now - last >= freshForNanos && lastSweep.compareAndSet(last, now)) {
                dropExpired(now);
            }
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

    /** A count made again in the background, for the count an {@link Answer} named: replaces it if still kept. */
    void refreshed(String person, String digest, Object madeAgain, long value) {
        refreshes.increment();
        Map<String, Count> counts = byPerson.get(person);
        if (counts != null && madeAgain instanceof Count count) {
            counts.replace(digest, count, new Count(value, nanoTime.getAsLong(), new AtomicBoolean()));
        }
    }

    /** Drops the count an {@link Answer} named, if still kept (it could not be made again, or is small now). */
    void drop(String person, String digest, Object madeAgain) {
        Map<String, Count> counts = byPerson.get(person);
        if (counts != null && madeAgain != null) {
            counts.remove(digest, madeAgain);
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

    /**
     * A kept count to answer with, and, if the caller is to make it again, the kept count it makes again (to hand
     * back to {@link #refreshed} or {@link #drop}).
     */
    record Answer(long count, Object madeAgain) {

        boolean refresh() {
            return madeAgain != null;
        }
    }
}
