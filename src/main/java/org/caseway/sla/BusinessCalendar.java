package org.caseway.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.caseway.system.CasewayProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Where a deadline falls: an {@link SlaDuration} added to a start, around the clock (crisis work) or in
 * business hours (routine work), in the agency's calendar ({@code caseway.sla.calendar}).
 *
 * <p><b>Working time</b> is, on a working day (a configured working day of the week that is not a
 * holiday), the half-open interval from opening to closing in the configured zone: the opening instant
 * is working time, the closing instant is not. Working time is measured in elapsed time between those
 * instants. Local times that fall into a daylight-saving gap move forward by the gap, as in java.time.
 *
 * <p><b>Around the clock</b> ({@code businessHours = false}): the days are calendar days at the same
 * local time in the configured zone, so {@code P1D} across a change to or from daylight saving time is
 * 23 or 25 hours; then the time part is added as elapsed time. Working days and holidays play no part.
 *
 * <p><b>Business hours</b> ({@code businessHours = true}), in this order:
 * <ol>
 * <li>A start outside working time moves to the next opening: before opening on a working day to that
 *     day's opening; at or after closing, on a weekend or on a holiday to the next working day's opening.
 *     A start exactly at closing therefore counts from the next opening, a start exactly at opening from
 *     there.</li>
 * <li>The days are working days at the same local time of day: {@code P1D} from Thursday 10:00 is Friday
 *     10:00, from Friday 10:00 it is Monday 10:00, and if Monday is a holiday Tuesday 10:00. A day that
 *     would land on a weekend or holiday thus moves on to the next working day at the same time. Weeks
 *     are seven days, so {@code P1W} in business hours is seven working days: a working week is
 *     {@code P5D}.</li>
 * <li>The time part counts working time only: Friday 16:00 plus {@code PT4H} with hours 09:00–17:00 is
 *     Monday 12:00. A deadline that uses up the last working minute of a day is the closing time of that
 *     day, not the next opening: Monday 13:00 plus {@code PT4H} is Monday 17:00.</li>
 * </ol>
 * A business-hours deadline is therefore never before its start and is always working time or exactly
 * a closing time.
 */
@Component
public class BusinessCalendar {

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<LocalDate> holidays;
    /** No run of days without working time is longer than this: bounds every search for a working day. */
    private final int longestClosedRun;

    @Autowired
    BusinessCalendar(CasewayProperties properties) {
        this(properties.sla().calendar());
    }

    /**
     * A calendar from its configuration, checked again here for callers that build one by hand.
     *
     * @throws IllegalArgumentException without working days, or if it does not open before it closes
     */
    public BusinessCalendar(CasewayProperties.Sla.Calendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        this.zone = Objects.requireNonNull(calendar.zone(), "zone");
        this.opens = Objects.requireNonNull(calendar.opens(), "opens");
        this.closes = Objects.requireNonNull(calendar.closes(), "closes");
        if (calendar.workingDays() == null || calendar.workingDays().isEmpty()) {
            throw new IllegalArgumentException("a working calendar needs at least one working day");
        }
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a working calendar must open before it closes, not "
                    + opens + "–" + closes);
        }
        this.workingDays = EnumSet.copyOf(calendar.workingDays());
        this.holidays = new TreeSet<>(calendar.holidays());
        // each full week of a closed run holds a working day of the week that is a holiday: L < 7 * (H + 1)
        this.longestClosedRun = 7 * (holidays.size() + 1);
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The deadline: {@code duration} after {@code start}, in business hours or around the clock
     * (see the class comment for the exact rules).
     */
    public Instant plus(Instant start, SlaDuration duration, boolean businessHours) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        if (!businessHours) {
            return start.atZone(zone).plusDays(duration.days()).toInstant().plus(duration.time());
        }
        Instant at = nextWorkingTime(start);
        if (duration.days() > 0) {
            ZonedDateTime from = at.atZone(zone);
            LocalDate day = from.toLocalDate();
            for (int i = 0; i < duration.days(); i++) {
                day = nextWorkingDayAfter(day);
            }
            // same time of day; only a daylight-saving gap inside the opening hours can push it outside them
            at = nextWorkingTime(ZonedDateTime.of(day, from.toLocalTime(), zone).toInstant());
        }
        Duration remaining = duration.time();
        while (true) {
            LocalDate day = at.atZone(zone).toLocalDate();
            Duration leftToday = Duration.between(at, closing(day));
            if (remaining.compareTo(leftToday) <= 0) {
                return at.plus(remaining);
            }
            remaining = remaining.minus(leftToday);
            at = opening(nextWorkingDayAfter(day));
        }
    }

    /** Whether {@code instant} is working time: on a working day, at or after opening and before closing. */
    public boolean isWorkingTime(Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return isWorkingDay(day) && !instant.isBefore(opening(day)) && instant.isBefore(closing(day));
    }

    /** Whether {@code date} is a working day: one of the working days of the week and not a holiday. */
    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** {@code instant} itself if it is working time, else the next opening after it. */
    public Instant nextWorkingTime(Instant instant) {
        if (isWorkingTime(instant)) {
            return instant;
        }
        LocalDate day = instant.atZone(zone).toLocalDate();
        if (isWorkingDay(day) && instant.isBefore(opening(day))) {
            return opening(day);
        }
        return opening(nextWorkingDayAfter(day));
    }

    /** The working time in {@code [from, to)}; zero if {@code to} is not after {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                Instant start = max(from, opening(day));
                Instant end = min(to, closing(day));
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    private LocalDate nextWorkingDayAfter(LocalDate date) {
        LocalDate day = date;
        for (int i = 0; i < longestClosedRun; i++) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                return day;
            }
        }
        throw new IllegalStateException("no working day within " + longestClosedRun + " days after " + date);
    }

    private Instant opening(LocalDate day) {
        return ZonedDateTime.of(day, opens, zone).toInstant();
    }

    private Instant closing(LocalDate day) {
        return ZonedDateTime.of(day, closes, zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
