package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Percentiles interpolate between the closest ranks, like PostgreSQL's percentile_cont. */
class PercentilesTest {

    private static final long HOUR = 3_600_000;

    @Test
    void oneToTenHoursHaveMedianFiveAndAHalfAndNinetiethPercentileNinePointOne() {
        long[] hours = {7 * HOUR, 1 * HOUR, 10 * HOUR, 3 * HOUR, 2 * HOUR, 9 * HOUR, 4 * HOUR, 6 * HOUR, 5 * HOUR, 8 * HOUR};

        assertThat(Percentiles.of(hours, 0.5)).isCloseTo(5.5 * HOUR, within(0.001));
        assertThat(Percentiles.of(hours, 0.9)).isCloseTo(9.1 * HOUR, within(0.001));
        assertThat(Percentiles.of(hours, 0.0)).isEqualTo(1.0 * HOUR);
        assertThat(Percentiles.of(hours, 1.0)).isEqualTo(10.0 * HOUR);
        assertThat(hours[0]).as("the input is left as it was").isEqualTo(7 * HOUR);
    }

    @Test
    void fewValues() {
        assertThat(Percentiles.of(new long[] {42}, 0.9)).isEqualTo(42.0);
        assertThat(Percentiles.of(new long[] {10, 30}, 0.5)).isEqualTo(20.0);
        assertThat(Percentiles.of(new long[] {10, 30}, 0.9)).isCloseTo(28.0, within(1e-9));
        assertThat(Percentiles.of(new long[] {}, 0.5)).isNaN();
    }

    @Test
    void percentilesOutsideZeroToOneAreRefused() {
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(new long[] {1}, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
