package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading SLA durations from the policy's ISO-8601 text, and what is refused. */
class SlaDurationTest {

    @ParameterizedTest(name = "{0} = {1} days and {2} seconds")
    @CsvSource({
            "PT1H,     0,  3600",
            "PT4H,     0,  14400",
            "PT30M,    0,  1800",
            "PT45S,    0,  45",
            "PT1H30M,  0,  5400",
            "PT24H,    0,  86400",
            "P2D,      2,  0",
            "P10D,     10, 0",
            "P30D,     30, 0",
            "P1DT4H,   1,  14400",
            "P1W,      7,  0",
            "P2W,      14, 0",
            "P0DT2H,   0,  7200",
            "P1DT0H,   1,  0",
            "pt4h,     0,  14400",
            "' P2D ',  2,  0",
            "P3660D,   3660, 0"})
    void readsDaysAndTimeApart(String text, int days, long seconds) {
        SlaDuration duration = SlaDuration.parse(text);

        assertThat(duration.days()).isEqualTo(days);
        assertThat(duration.time()).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "PT4H,     PT4H",
            "P2D,      P2D",
            "P1DT4H,   P1DT4H",
            "PT30M,    PT30M",
            "PT90M,    PT1H30M",
            "P1W,      P7D",
            "P1DT0H,   P1D",
            "pt1h,     PT1H",
            "P2DT1H30M5S, P2DT1H30M5S"})
    void printsIsoText(String text, String iso) {
        assertThat(SlaDuration.parse(text)).hasToString(iso);
    }

    @Test
    void aDayIsNotTwentyFourHours() {
        assertThat(SlaDuration.parse("P1D")).isNotEqualTo(SlaDuration.parse("PT24H"));
        assertThat(SlaDuration.parse("P1W")).isEqualTo(SlaDuration.parse("P7D"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "P1Y      | years or months",
            "P1M      | years or months",
            "P1Y2M3D  | years or months",
            "P1MT4H   | years or months",
            "-PT1H    | negative",
            "PT-1H    | negative",
            "P-2D     | negative",
            "P        | no days and no time",
            "PT       | no days and no time",
            "P0D      | zero",
            "PT0H     | zero",
            "P0DT0M   | zero",
            "P1DT     | 'T' with no hours",
            "PT1.5H   | fraction",
            "PT0,5S   | fraction",
            "4h       | not an ISO-8601 duration",
            "PT4      | not an ISO-8601 duration",
            "P2DT4H2D | not an ISO-8601 duration",
            "P1W2D    | not an ISO-8601 duration",
            "PT4M2H   | not an ISO-8601 duration",
            "two days | not an ISO-8601 duration",
            "P3661D   | longer than 3660 days",
            "PT87841H | longer than 3660 days",
            "P9999999999999999999D | longer than 3660 days"})
    void refusesWithTheTextAndTheReason(String text, String reason) {
        assertThatThrownBy(() -> SlaDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesBlankText(String text) {
        assertThatThrownBy(() -> SlaDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> SlaDuration.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void theConstructorKeepsTheSameRules() {
        assertThat(new SlaDuration(1, Duration.ofHours(4))).isEqualTo(SlaDuration.parse("P1DT4H"));
        assertThatThrownBy(() -> new SlaDuration(0, Duration.ZERO)).hasMessageContaining("zero");
        assertThatThrownBy(() -> new SlaDuration(-1, Duration.ZERO)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new SlaDuration(0, Duration.ofHours(-1))).hasMessageContaining("negative");
        assertThatThrownBy(() -> new SlaDuration(1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SlaDuration(3661, Duration.ZERO)).hasMessageContaining("longer than");
    }
}
