package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.caseway.system.CasewayProperties.Sla.Calendar;
import org.junit.jupiter.api.Test;

/**
 * Deadlines in business hours and around the clock. Expected dates are worked out by hand from a paper
 * calendar (2026: March 8 and November 1 are the daylight-saving changes in Chicago); the randomized tests
 * check the result against a minute-by-minute count written separately from the calendar's arithmetic.
 */
class BusinessCalendarTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final LocalTime OPENS = LocalTime.of(9, 0);
    private static final LocalTime CLOSES = LocalTime.of(17, 0);
    /** US federal holidays 2026–2027 (observed) plus two agency days: the Friday after Thanksgiving and Monday, December 28, 2026. */
    private static final List<LocalDate> HOLIDAYS = Stream.of(
            "2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07",
            "2026-10-12", "2026-11-11", "2026-11-26", "2026-11-27", "2026-12-25", "2026-12-28",
            "2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-18", "2027-07-05", "2027-09-06",
            "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-24", "2027-12-31").map(LocalDate::parse).toList();

    private final BusinessCalendar calendar = new BusinessCalendar(new Calendar(CHICAGO, WEEKDAYS, OPENS, CLOSES, HOLIDAYS));

    // --- business hours: the time part ---------------------------------------------------------------

    @Test
    void withinADay() {
        assertThat(business("2026-03-03T10:00", "PT4H")).isEqualTo("2026-03-03T14:00");
        assertThat(business("2026-03-03T10:15", "PT30M")).isEqualTo("2026-03-03T10:45");
        assertThat(business("2026-03-03T16:59", "PT1M")).isEqualTo("2026-03-03T17:00");
    }

    @Test
    void aDeadlineThatUsesUpTheDayStaysAtClosing() {
        assertThat(business("2026-03-03T13:00", "PT4H")).isEqualTo("2026-03-03T17:00");
        assertThat(business("2026-03-03T09:00", "PT8H")).isEqualTo("2026-03-03T17:00");
        assertThat(business("2026-03-03T13:00", "PT4H1M")).isEqualTo("2026-03-04T09:01");
    }

    @Test
    void acrossAWeekend() {
        // Friday 16:00: one hour on Friday, three on Monday (the weekend of the change to daylight saving time)
        assertThat(business("2026-03-06T16:00", "PT4H")).isEqualTo("2026-03-09T12:00");
        // Friday 11:00 + 16 h: 6 on Friday, 8 on Monday, 2 on Tuesday
        assertThat(business("2026-03-06T11:00", "PT16H")).isEqualTo("2026-03-10T11:00");
    }

    @Test
    void acrossAHolidayOnTheMondayAfterAWeekend() {
        // Monday, January 19, 2026 is Martin Luther King Day
        assertThat(business("2026-01-16T16:00", "PT4H")).isEqualTo("2026-01-20T12:00");
    }

    @Test
    void acrossHolidaysInTheWeek() {
        // Wednesday before Thanksgiving 15:00: two hours on Wednesday; Thursday and Friday are holidays
        assertThat(business("2026-11-25T15:00", "PT4H")).isEqualTo("2026-11-30T11:00");
        // Christmas Eve 16:00: Friday the 25th, the weekend and Monday the 28th are closed
        assertThat(business("2026-12-24T16:00", "PT2H")).isEqualTo("2026-12-29T10:00");
    }

    // --- business hours: a start outside working time ------------------------------------------------

    @Test
    void aStartInTheEveningCountsFromTheNextOpening() {
        assertThat(business("2026-03-03T19:30", "PT2H")).isEqualTo("2026-03-04T11:00");
        assertThat(business("2026-03-03T23:59", "PT1H")).isEqualTo("2026-03-04T10:00");
    }

    @Test
    void aStartExactlyAtClosingCountsFromTheNextOpening() {
        assertThat(business("2026-03-03T17:00", "PT1H")).isEqualTo("2026-03-04T10:00");
        assertThat(business("2026-03-06T17:00", "PT1H")).isEqualTo("2026-03-09T10:00");
    }

    @Test
    void aStartBeforeOpeningCountsFromThatDaysOpening() {
        assertThat(business("2026-03-03T06:00", "PT2H")).isEqualTo("2026-03-03T11:00");
        assertThat(business("2026-03-03T00:00", "PT8H")).isEqualTo("2026-03-03T17:00");
    }

    @Test
    void aStartOnAWeekendOrHolidayCountsFromTheNextWorkingDay() {
        assertThat(business("2026-03-07T11:00", "PT2H")).isEqualTo("2026-03-09T11:00");
        assertThat(business("2026-03-08T10:00", "PT2H")).isEqualTo("2026-03-09T11:00");
        assertThat(business("2026-01-19T10:00", "PT1H")).isEqualTo("2026-01-20T10:00");
        assertThat(business("2026-01-16T18:00", "PT1H")).isEqualTo("2026-01-20T10:00");
    }

    // --- business hours: the days part ---------------------------------------------------------------

    @Test
    void daysAreWorkingDaysAtTheSameTime() {
        assertThat(business("2026-03-02T10:30", "P2D")).isEqualTo("2026-03-04T10:30");
        assertThat(business("2026-03-05T10:30", "P2D")).isEqualTo("2026-03-09T10:30");
        assertThat(business("2026-03-06T10:00", "P1D")).isEqualTo("2026-03-09T10:00");
        assertThat(business("2026-03-02T10:00", "P5D")).isEqualTo("2026-03-09T10:00");
        // a week is seven days, hence seven working days
        assertThat(business("2026-03-02T10:00", "P1W")).isEqualTo("2026-03-11T10:00");
    }

    @Test
    void aDayLandingOnAHolidayMovesToTheNextWorkingDay() {
        assertThat(business("2026-11-25T10:00", "P1D")).isEqualTo("2026-11-30T10:00");
        assertThat(business("2026-11-25T16:30", "P2D")).isEqualTo("2026-12-01T16:30");
        assertThat(business("2026-01-16T14:00", "P1D")).isEqualTo("2026-01-20T14:00");
    }

    @Test
    void daysThenTime() {
        // Monday 14:00 + one working day is Tuesday 14:00, then four working hours: three on Tuesday, one on Wednesday
        assertThat(business("2026-03-02T14:00", "P1DT4H")).isEqualTo("2026-03-04T10:00");
        assertThat(business("2026-03-02T13:00", "P1DT4H")).isEqualTo("2026-03-03T17:00");
    }

    @Test
    void daysFromOutsideWorkingTimeStartAtTheNextOpening() {
        assertThat(business("2026-03-07T14:00", "P1D")).isEqualTo("2026-03-10T09:00");
        assertThat(business("2026-03-03T17:00", "P1D")).isEqualTo("2026-03-05T09:00");
        assertThat(business("2026-03-03T07:00", "P1D")).isEqualTo("2026-03-04T09:00");
    }

    // --- around the clock ----------------------------------------------------------------------------

    @Test
    void aroundTheClockIgnoresWeekendsAndHolidays() {
        assertThat(aroundTheClock("2026-03-06T16:00", "PT4H")).isEqualTo("2026-03-06T20:00");
        assertThat(aroundTheClock("2026-01-16T16:00", "P3D")).isEqualTo("2026-01-19T16:00");
        assertThat(aroundTheClock("2026-12-24T22:30", "PT2H")).isEqualTo("2026-12-25T00:30");
    }

    @Test
    void crisisAtThreeOnASundayMorningIsDueAtFour() {
        assertThat(aroundTheClock("2026-03-15T03:00", "PT1H")).isEqualTo("2026-03-15T04:00");
    }

    @Test
    void aroundTheClockDaysKeepTheLocalTimeAcrossDaylightSavingChanges() {
        // spring forward on Sunday, March 8, 2026: Friday 16:00 + 2 days is Sunday 16:00, 47 hours later
        Instant start = at("2026-03-06T16:00");
        Instant due = calendar.plus(start, SlaDuration.parse("P2D"), false);
        assertThat(due).isEqualTo(ZonedDateTime.of(2026, 3, 8, 16, 0, 0, 0, ZoneOffset.ofHours(-5)).toInstant());
        assertThat(Duration.between(start, due)).isEqualTo(Duration.ofHours(47));

        // fall back on Sunday, November 1, 2026: Saturday noon + 1 day is Sunday noon, 25 hours later
        start = at("2026-10-31T12:00");
        due = calendar.plus(start, SlaDuration.parse("P1D"), false);
        assertThat(due).isEqualTo(ZonedDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-6)).toInstant());
        assertThat(Duration.between(start, due)).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void aroundTheClockTimeIsElapsedTimeAcrossDaylightSavingChanges() {
        // 24 hours from Saturday noon is Sunday 13:00 on the clock: the night was an hour short
        assertThat(aroundTheClock("2026-03-07T12:00", "PT24H")).isEqualTo("2026-03-08T13:00");
        // one hour from 01:30 on the night of the change: 02:00–03:00 does not exist
        assertThat(aroundTheClock("2026-03-08T01:30", "PT1H")).isEqualTo("2026-03-08T03:30");
        // Saturday 22:00 + 1 day is Sunday 22:00 (23 hours), then 4 elapsed hours
        Instant start = at("2026-03-07T22:00");
        Instant due = calendar.plus(start, SlaDuration.parse("P1DT4H"), false);
        assertThat(Duration.between(start, due)).isEqualTo(Duration.ofHours(27));
        assertThat(local(due)).isEqualTo("2026-03-09T02:00");
    }

    // --- working time --------------------------------------------------------------------------------

    @Test
    void workingTimeIsFromOpeningUpToButNotIncludingClosing() {
        assertThat(calendar.isWorkingTime(at("2026-03-03T09:00"))).isTrue();
        assertThat(calendar.isWorkingTime(at("2026-03-03T16:59:59"))).isTrue();
        assertThat(calendar.isWorkingTime(at("2026-03-03T17:00"))).isFalse();
        assertThat(calendar.isWorkingTime(at("2026-03-03T08:59:59"))).isFalse();
        assertThat(calendar.isWorkingTime(at("2026-03-07T12:00"))).isFalse();
        assertThat(calendar.isWorkingTime(at("2026-01-19T12:00"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-01-19"))).isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-01-20"))).isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-03-08"))).isFalse();
    }

    @Test
    void nextWorkingTime() {
        assertThat(local(calendar.nextWorkingTime(at("2026-03-03T10:00")))).isEqualTo("2026-03-03T10:00");
        assertThat(local(calendar.nextWorkingTime(at("2026-03-03T08:00")))).isEqualTo("2026-03-03T09:00");
        assertThat(local(calendar.nextWorkingTime(at("2026-03-03T17:00")))).isEqualTo("2026-03-04T09:00");
        assertThat(local(calendar.nextWorkingTime(at("2026-01-16T17:30")))).isEqualTo("2026-01-20T09:00");
    }

    @Test
    void workingTimeBetweenTwoInstants() {
        assertThat(calendar.workingTimeBetween(at("2026-03-06T16:00"), at("2026-03-09T12:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(calendar.workingTimeBetween(at("2026-01-16T08:00"), at("2026-01-20T20:00"))).isEqualTo(Duration.ofHours(16));
        assertThat(calendar.workingTimeBetween(at("2026-03-07T00:00"), at("2026-03-08T23:59"))).isZero();
        assertThat(calendar.workingTimeBetween(at("2026-03-09T12:00"), at("2026-03-06T16:00"))).isZero();
    }

    // --- configuration -------------------------------------------------------------------------------

    @Test
    void aCalendarWithoutWorkingDaysOrOpeningHoursIsRefused() {
        assertThatThrownBy(() -> new BusinessCalendar(new Calendar(CHICAGO, Set.of(), OPENS, CLOSES, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("working day");
        assertThatThrownBy(() -> new BusinessCalendar(new Calendar(CHICAGO, WEEKDAYS, OPENS, OPENS, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open before it closes");
        assertThatThrownBy(() -> new BusinessCalendar(new Calendar(CHICAGO, WEEKDAYS, CLOSES, OPENS, List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open before it closes");
    }

    @Test
    void theConfigurationIsValidatedAtStartUp() {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();

            assertThat(validator.validate(new Calendar(CHICAGO, WEEKDAYS, OPENS, CLOSES, HOLIDAYS))).isEmpty();
            assertThat(paths(validator.validate(new Calendar(CHICAGO, Set.of(), OPENS, CLOSES, null))))
                    .containsExactly("workingDays");
            assertThat(paths(validator.validate(new Calendar(CHICAGO, null, OPENS, CLOSES, null))))
                    .containsExactly("workingDays");
            assertThat(paths(validator.validate(new Calendar(CHICAGO, WEEKDAYS, CLOSES, OPENS, null))))
                    .containsExactly("openBeforeClosing");
            assertThat(paths(validator.validate(new Calendar(CHICAGO, WEEKDAYS, OPENS, OPENS, null))))
                    .containsExactly("openBeforeClosing");
            assertThat(paths(validator.validate(new Calendar(null, WEEKDAYS, null, CLOSES, null))))
                    .containsExactlyInAnyOrder("zone", "opens");
        }
        assertThat(new Calendar(CHICAGO, WEEKDAYS, OPENS, CLOSES, null).holidays()).isEmpty();
    }

    @Test
    void aSingleWorkingDayAWeekWithManyHolidaysStillFindsTheNextOne() {
        // only Wednesdays, and the first four Wednesdays of 2026 are holidays
        List<LocalDate> wednesdays = Stream.of("2026-01-07", "2026-01-14", "2026-01-21", "2026-01-28")
                .map(LocalDate::parse).toList();
        BusinessCalendar sparse = new BusinessCalendar(
                new Calendar(CHICAGO, Set.of(DayOfWeek.WEDNESDAY), OPENS, CLOSES, wednesdays));
        Instant due = sparse.plus(at("2026-01-05T10:00"), SlaDuration.parse("PT1H"), true);
        assertThat(local(due)).isEqualTo("2026-02-04T10:00");
    }

    // --- randomized ----------------------------------------------------------------------------------

    private static final long SEED = 20_261_126L;
    private static final int RUNS = 1_000;

    @Test
    void randomTimePartsCountExactlyTheRequestedWorkingTime() {
        Random random = new Random(SEED);
        for (int run = 0; run < RUNS; run++) {
            Instant start = randomStart(random);
            int minutes = 1 + random.nextInt(24 * 60);
            SlaDuration duration = new SlaDuration(0, Duration.ofMinutes(minutes));

            Instant due = calendar.plus(start, duration, true);

            String what = "run " + run + ": " + local(start) + " + " + duration + " = " + local(due);
            assertThat(due).as(what).isAfterOrEqualTo(start);
            assertThat(workingMinute(due) || atClosing(due)).as(what + " is working time or closing").isTrue();
            assertThat(workingMinutes(start, due)).as(what + ": working minutes counted").isEqualTo(minutes);
            assertThat(workingMinute(due.minus(Duration.ofMinutes(1)))).as(what + " follows working time").isTrue();
            assertThat(calendar.workingTimeBetween(start, due)).as(what).isEqualTo(Duration.ofMinutes(minutes));
        }
    }

    @Test
    void randomDaysAndTimeMatchAMinuteByMinuteCount() {
        Random random = new Random(SEED + 1);
        for (int run = 0; run < RUNS; run++) {
            Instant start = randomStart(random);
            int days = random.nextInt(11);
            int minutes = (days == 0 ? 1 : 0) + random.nextInt(16 * 60);
            SlaDuration duration = new SlaDuration(days, Duration.ofMinutes(minutes));

            Instant due = calendar.plus(start, duration, true);

            String what = "run " + run + ": " + local(start) + " + " + duration + " = " + local(due);
            assertThat(due).as(what).isEqualTo(minuteByMinute(start, days, minutes));
            assertThat(due).as(what).isAfterOrEqualTo(start);
            assertThat(workingMinute(due) || atClosing(due)).as(what + " is working time or closing").isTrue();
        }
    }

    @Test
    void randomAroundTheClockDeadlinesKeepTheLocalTimeThenAddElapsedTime() {
        Random random = new Random(SEED + 2);
        for (int run = 0; run < RUNS; run++) {
            Instant start = randomStart(random);
            int days = random.nextInt(40);
            int minutes = (days == 0 ? 1 : 0) + random.nextInt(48 * 60);

            Instant due = calendar.plus(start, new SlaDuration(days, Duration.ofMinutes(minutes)), false);

            Instant afterDays = due.minus(Duration.ofMinutes(minutes));
            LocalDateTime startLocal = LocalDateTime.ofInstant(start, CHICAGO);
            LocalDateTime afterDaysLocal = LocalDateTime.ofInstant(afterDays, CHICAGO);
            String what = "run " + run + ": " + startLocal + " + P" + days + "DT" + minutes + "M";
            assertThat(afterDaysLocal.toLocalDate()).as(what).isEqualTo(startLocal.toLocalDate().plusDays(days));
            if (!isDaylightSavingGap(startLocal.toLocalDate().plusDays(days), startLocal.toLocalTime())) {
                assertThat(afterDaysLocal.toLocalTime()).as(what).isEqualTo(startLocal.toLocalTime());
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private String business(String start, String duration) {
        return local(calendar.plus(at(start), SlaDuration.parse(duration), true));
    }

    private String aroundTheClock(String start, String duration) {
        return local(calendar.plus(at(start), SlaDuration.parse(duration), false));
    }

    private static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(CHICAGO).toInstant();
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, CHICAGO).toString();
    }

    private static Set<String> paths(Set<ConstraintViolation<Calendar>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString()).collect(Collectors.toSet());
    }

    /** A whole minute in 2026–2027; one start in five exactly at an opening or closing time. */
    private static Instant randomStart(Random random) {
        LocalDate day = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(700));
        int pick = random.nextInt(10);
        LocalTime time = pick == 0 ? OPENS : pick == 1 ? CLOSES : LocalTime.MIN.plusMinutes(random.nextInt(24 * 60));
        return ZonedDateTime.of(day, time, CHICAGO).toInstant();
    }

    // The specification written out the slow way, one minute at a time, apart from the calendar's code.

    private static boolean workingDay(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !HOLIDAYS.contains(day);
    }

    /** Whether the minute starting at {@code minute} is working time. */
    private static boolean workingMinute(Instant minute) {
        LocalDateTime local = LocalDateTime.ofInstant(minute, CHICAGO);
        return workingDay(local.toLocalDate()) && local.getHour() >= 9 && local.getHour() < 17;
    }

    private static boolean atClosing(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, CHICAGO);
        return workingDay(local.toLocalDate()) && local.toLocalTime().equals(LocalTime.of(17, 0));
    }

    private static int workingMinutes(Instant from, Instant to) {
        int count = 0;
        for (Instant m = from; m.isBefore(to); m = m.plusSeconds(60)) {
            if (workingMinute(m)) {
                count++;
            }
        }
        return count;
    }

    private static Instant minuteByMinute(Instant start, int days, int minutes) {
        Instant at = start;
        while (!workingMinute(at)) {
            at = at.plusSeconds(60);
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, CHICAGO);
        LocalDate day = local.toLocalDate();
        for (int d = 0; d < days; d++) {
            do {
                day = day.plusDays(1);
            } while (!workingDay(day));
        }
        at = ZonedDateTime.of(day, local.toLocalTime(), CHICAGO).toInstant();
        int counted = 0;
        while (counted < minutes) {
            if (workingMinute(at)) {
                counted++;
            }
            at = at.plusSeconds(60);
        }
        return at;
    }

    private static boolean isDaylightSavingGap(LocalDate day, LocalTime time) {
        return CHICAGO.getRules().getValidOffsets(LocalDateTime.of(day, time)).isEmpty();
    }
}
