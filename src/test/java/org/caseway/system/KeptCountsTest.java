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
        assertThat(kept.answer("mary", "queue")).isEqualTo(new KeptCounts.Answer(5_000, false));
        assertThat(kept.holdsAnyOf("mary")).isTrue();
        assertThat(kept.holdsAnyOf("liam")).isFalse();
    }

    @Test
    void anOlderCountIsAnsweredAndMadeAgainByOneCallerOnly() {
        kept.put("mary", "queue", 5_000);
        now.addAndGet(FRESH);
        assertThat(kept.answer("mary", "queue")).isEqualTo(new KeptCounts.Answer(5_000, true));
        assertThat(kept.answer("mary", "queue")).isEqualTo(new KeptCounts.Answer(5_000, false));

        kept.refreshed("mary", "queue", 5_003);
        assertThat(kept.refreshes()).isEqualTo(1);
        assertThat(kept.answer("mary", "queue")).isEqualTo(new KeptCounts.Answer(5_003, false));
        now.addAndGet(FRESH);
        assertThat(kept.answer("mary", "queue")).isEqualTo(new KeptCounts.Answer(5_003, true));
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
        assertThat(kept.answer("mary", "overdue").count()).isEqualTo(1_200);
        kept.remove("mary", "overdue");
        assertThat(kept.answer("mary", "overdue")).isNull();
        // a refresh of a count dropped meanwhile does not bring it back
        kept.refreshed("mary", "overdue", 1_300);
        assertThat(kept.answer("mary", "overdue")).isNull();
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
}
