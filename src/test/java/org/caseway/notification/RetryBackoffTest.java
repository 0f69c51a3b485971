package org.caseway.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.caseway.system.CasewayProperties;
import org.junit.jupiter.api.Test;

/** How long a failed notification waits: the backoff, doubled after each failure, never more than the cap. */
class RetryBackoffTest {

    private static CasewayProperties.Notifications settings(Duration backoff, Duration cap) {
        return new CasewayProperties.Notifications("caseway@example.org", true, Duration.ofMinutes(1),
                Duration.ofMinutes(5), 10, backoff, cap);
    }

    @Test
    void doublesAfterEachFailureUpToTheCap() {
        CasewayProperties.Notifications shipped = settings(Duration.ofMinutes(1), Duration.ofHours(1));

        assertThat(java.util.stream.IntStream.rangeClosed(1, 9).mapToObj(shipped::backoffAfter).map(Duration::toMinutes))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(shipped.backoffAfter(100)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void noBackoffRetriesAtTheNextSweepAndACapBelowTheBackoffWins() {
        assertThat(settings(Duration.ZERO, Duration.ZERO).backoffAfter(5)).isZero();
        assertThat(settings(Duration.ofMinutes(10), Duration.ofMinutes(3)).backoffAfter(1)).isEqualTo(Duration.ofMinutes(3));
    }
}
