package org.caseway.sla;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long an SLA allows: a number of days and a time part, as the SLA policy writes them in ISO-8601
 * ({@code PT1H}, {@code PT4H}, {@code P2D}, {@code P1DT4H}, {@code P1W}).
 *
 * <p>The two parts are kept apart because they count differently: in business hours the days are
 * working days at the same time of day and the time part is working time; around the clock the days
 * are calendar days at the same local time and the time part is elapsed time (see
 * {@link BusinessCalendar#plus}). So {@code P1D} and {@code PT24H} are different durations, and
 * {@code PT24H} stays 24 hours (three working days of eight hours in business hours).
 *
 * <p>Accepted: {@code P}, then either weeks alone ({@code P1W} = {@code P7D}) or days, then optionally
 * {@code T} with hours, minutes and seconds, each a whole non-negative number; letters in either case;
 * surrounding blanks ignored. Rejected, with the text quoted: years and months (their length varies:
 * write {@code P30D}), negative values, fractions, a duration of zero or with nothing after {@code P} or
 * {@code T}, more than {@value #MAX_DAYS} days in either part, and anything else.
 *
 * @param days the day part: calendar days around the clock, working days in business hours
 * @param time the time part: elapsed time around the clock, working time in business hours
 */
public record SlaDuration(int days, Duration time) {

    /** The longest day part, and the longest time part in days: beyond ten years an SLA is a typing error. */
    public static final int MAX_DAYS = 3660;

    private static final Pattern ISO = Pattern.compile(
            "P(?:(\\d+)W|(?:(\\d+)D)?(T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?)");
    private static final Pattern YEARS_OR_MONTHS = Pattern.compile(
            "P(?:\\d+Y(?:\\d+M)?|\\d+M)(?:\\d+W)?(?:\\d+D)?(?:T.*)?");
    private static final Duration MAX_TIME = Duration.ofDays(MAX_DAYS);

    public SlaDuration {
        if (time == null) {
            throw new IllegalArgumentException("SLA duration needs a time part (Duration.ZERO for none)");
        }
        if (days < 0 || time.isNegative()) {
            throw new IllegalArgumentException("SLA duration " + describe(days, time) + " is negative");
        }
        if (days > MAX_DAYS || time.compareTo(MAX_TIME) > 0) {
            throw new IllegalArgumentException("SLA duration " + describe(days, time) + " is longer than "
                    + MAX_DAYS + " days");
        }
        if (days == 0 && time.isZero()) {
            throw new IllegalArgumentException("SLA duration is zero: a deadline must lie after its start");
        }
    }

    /**
     * Reads an ISO-8601 duration such as {@code PT4H}, {@code P2D}, {@code P1DT4H}, {@code PT30M} or {@code P1W}.
     *
     * @throws IllegalArgumentException naming the text if it is not an SLA duration (see the class comment)
     */
    public static SlaDuration parse(CharSequence text) {
        if (text == null) {
            throw new IllegalArgumentException("SLA duration is missing (null)");
        }
        String original = text.toString();
        String iso = original.strip().toUpperCase(Locale.ROOT);
        String quoted = "SLA duration '" + original + "'";
        if (iso.isEmpty()) {
            throw new IllegalArgumentException(quoted + " is empty; expected ISO-8601 such as PT4H, P2D or P1DT4H");
        }
        if (iso.indexOf('-') >= 0) {
            throw new IllegalArgumentException(quoted + " is negative: a deadline must lie after its start");
        }
        if (iso.indexOf('.') >= 0 || iso.indexOf(',') >= 0) {
            throw new IllegalArgumentException(quoted + " has a fraction; use whole units, e.g. PT90M rather than PT1.5H");
        }
        if (YEARS_OR_MONTHS.matcher(iso).matches()) {
            throw new IllegalArgumentException(quoted + " has years or months, whose length varies; use days, e.g. P30D");
        }
        Matcher m = ISO.matcher(iso);
        if (!m.matches()) {
            throw new IllegalArgumentException(quoted + " is not an ISO-8601 duration such as PT4H, P2D or P1DT4H");
        }
        if (m.group(1) == null && m.group(2) == null && m.group(4) == null && m.group(5) == null && m.group(6) == null) {
            throw new IllegalArgumentException(quoted + " has no days and no time; expected e.g. PT4H, P2D or P1DT4H");
        }
        if (m.group(3) != null && m.group(4) == null && m.group(5) == null && m.group(6) == null) {
            throw new IllegalArgumentException(quoted + " has a 'T' with no hours, minutes or seconds after it");
        }
        long days = m.group(1) != null ? number(m.group(1), quoted) * 7 : number(m.group(2), quoted);
        long hours = number(m.group(4), quoted);
        long minutes = number(m.group(5), quoted);
        long seconds = number(m.group(6), quoted);
        Duration time = Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds);
        if (days > MAX_DAYS || time.compareTo(MAX_TIME) > 0) {
            throw new IllegalArgumentException(quoted + " is longer than " + MAX_DAYS + " days");
        }
        if (days == 0 && time.isZero()) {
            throw new IllegalArgumentException(quoted + " is zero: a deadline must lie after its start");
        }
        return new SlaDuration((int) days, time);
    }

    /** A number of units, 0 if absent; more than 12 digits is far too long and could overflow the sums. */
    private static long number(String digits, String quoted) {
        if (digits == null) {
            return 0;
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 12) {
            throw new IllegalArgumentException(quoted + " is longer than " + MAX_DAYS + " days");
        }
        return Long.parseLong(significant);
    }

    /** ISO-8601 text: {@code P2D}, {@code PT4H}, {@code P1DT4H30M}; weeks come back as days ({@code P1W} → {@code P7D}). */
    @Override
    public String toString() {
        return describe(days, time);
    }

    private static String describe(int days, Duration time) {
        if (days == 0) {
            return time.toString();
        }
        return "P" + days + "D" + (time.isZero() ? "" : time.toString().substring(1));
    }
}
