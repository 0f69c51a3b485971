package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When a kept count is answered, made again or dropped, on a clock of the test's own (nanoseconds). */
class KeptCountsTest {

    static final long FRESH = 10;
    static final long KEPT = 100;

    final AtomicLong now = new AtomicLong(1_000);
    final KeptCounts kept = new KeptCounts(FRESH, KEPT, now::get);

    @Test
    void aFreshCountIsAnsweredAsItIs() {
        kept.put("mary", "queue", 5_000);
        now.addAndGet(FRESH - 1);
        assertAnswer("queue", 5_000, false);
        assertThat(kept.holdsAnyOf("mary")).isTrue();
        assertThat(kept.holdsAnyOf("liam")).isFalse();
    }

    @Test
    void anOlderCountIsAnsweredAndMadeAgainByOneCallerOnly() {
        kept.put("mary", "queue", 5_000);
        now.addAndGet(FRESH);
        Object madeAgain = assertAnswer("queue", 5_000, true);
        assertAnswer("queue", 5_000, false);

        kept.refreshed("mary", "queue", madeAgain, 5_003);
        assertThat(kept.refreshes()).isEqualTo(1);
        assertAnswer("queue", 5_003, false);
        now.addAndGet(FRESH);
        assertAnswer("queue", 5_003, true);
    }

    @Test
    void aRefreshDoesNotOverwriteANewerCountNorBringBackADroppedOne() {
        kept.put("mary", "queue", 5_000);
        now.addAndGet(FRESH);
        Object madeAgain = assertAnswer("queue", 5_000, true);
        // meanwhile the count was made anew (kept-for passed for another request, say)
        kept.put("mary", "queue", 5_010);
        kept.refreshed("mary", "queue", madeAgain, 5_003);
        assertAnswer("queue", 5_010, false);
        kept.drop("mary", "queue", madeAgain);
        assertAnswer("queue", 5_010, false);

        now.addAndGet(FRESH);
        Object second = assertAnswer("queue", 5_010, true);
        kept.remove("mary", "queue");
        kept.refreshed("mary", "queue", second, 5_020);
        assertThat(kept.answer("mary", "queue")).isNull();
    }

    @Test
    void aCountThatCouldNotBeMadeAgainIsDropped() {
        kept.put("mary", "queue", 5_000);
        now.addAndGet(FRESH);
        kept.drop("mary", "queue", assertAnswer("queue", 5_000, true));
        assertThat(kept.answer("mary", "queue")).isNull();
        assertThat(kept.holdsAnyOf("mary")).isFalse();
    }

    @Test
    void aCountPastItsTimeIsNotAnswered() {
        kept.put("mary", "queue", 5_000);
        now.addAndGet(KEPT);
        assertThat(kept.answer("mary", "queue")).isNull();
        assertThat(kept.size()).isZero();
    }

    @Test
    void countsAreEachPersonsAndEachQuerys() {
        kept.put("mary", "queue", 5_000);
        kept.put("mary", "overdue", 1_200);
        assertThat(kept.answer("liam", "queue")).isNull();
        assertAnswer("overdue", 1_200, false);
        kept.remove("mary", "overdue");
        assertThat(kept.answer("mary", "overdue")).isNull();
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void atMostSoManyPeopleKeepCountsAndTheirOldCountsMakeRoom() {
        for (int i = 0; i < KeptCounts.MAX_PEOPLE; i++) {
            kept.put("person" + i, "queue", 1_000);
        }
        kept.put("one more", "queue", 1_000);
        assertThat(kept.holdsAnyOf("one more")).isFalse();
        assertThat(kept.size()).isEqualTo(KeptCounts.MAX_PEOPLE);

        now.addAndGet(KEPT);
        kept.put("one more", "queue", 1_000);
        assertThat(kept.holdsAnyOf("one more")).isTrue();
        assertThat(kept.size()).isEqualTo(1);
    }

    @Test
    void aPersonKeepsAtMostTheirShareAndOldCountsMakeRoom() {
        for (int i = 0; i < KeptCounts.MAX_PER_PERSON + 5; i++) {
            kept.put("mary", "query " + i, 1_000 + i);
        }
        assertThat(kept.size()).isEqualTo(KeptCounts.MAX_PER_PERSON);
        assertThat(kept.answer("mary", "query " + KeptCounts.MAX_PER_PERSON)).isNull();

        now.addAndGet(KEPT);
        kept.put("mary", "a new query", 2_000);
        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.answer("mary", "a new query").count()).isEqualTo(2_000);
    }

    /** mary's answer for this query: its count, and whether she is to make it again (then what she hands back). */
    private Object assertAnswer(String query, long count, boolean refresh) {
        KeptCounts.Answer answer = kept.answer("mary", query);
        assertThat(answer).as(query).isNotNull();
        assertThat(answer.count()).as(query).isEqualTo(count);
        assertThat(answer.refresh()).as(query + " made again").isEqualTo(refresh);
        return answer.madeAgain();
    }
}
