package org.caseway.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.caseway.casefile.CaseClock;
import org.caseway.sla.SlaReports;
import org.caseway.sla.SlaReports.BreachList;
import org.caseway.sla.SlaReports.Forecast;
import org.caseway.sla.SlaReports.Summary;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The supervisors' SLA view: summary, missed deadlines and the forecast of deadlines about to be missed,
 * for one team or every team the caller may see (supervisors their teams; program managers and
 * administrators every team). README "SLA dashboard and metrics".
 */
@Validated
@RestController
@RequestMapping("/api/sla")
class SlaController {

    static final int MAX_RANGE_DAYS = 366;
    static final int DEFAULT_RANGE_DAYS = 30;
    private static final String TEAM_ID = "^[A-Za-z0-9-]+$";
    private static final String DATE_FORMAT = "must be an ISO date (2026-01-31) or date-time (2026-01-31T08:00:00Z)";

    private final SlaReports reports;

    SlaController(SlaReports reports) {
        this.reports = reports;
    }

    @GetMapping("/summary")
    Summary summary(@RequestParam(required = false) @Size(max = 64) @Pattern(regexp = TEAM_ID) String team) {
        return reports.summary(team);
    }

    /**
     * Breaches from..to, both inclusive (a date as "to" means through the end of that day), newest first.
     * Defaults: the last 30 days up to now; at most 366 days; at most size (1..500) lines.
     */
    @GetMapping("/breaches")
    BreachList breaches(@RequestParam(required = false) @Size(max = 64) @Pattern(regexp = TEAM_ID) String team,
                        @RequestParam(required = false) @Size(max = 40) String from,
                        @RequestParam(required = false) @Size(max = 40) String to,
                        @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        OffsetDateTime end = to == null ? CaseClock.now() : moment("to", to, true);
        OffsetDateTime start = from == null ? end.minusDays(DEFAULT_RANGE_DAYS) : moment("from", from, false);
        if (start.isAfter(end)) {
            throw new BadParameterException("from", "must not be after to");
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(MAX_RANGE_DAYS)) > 0) {
            throw new BadParameterException("to", "must be at most " + MAX_RANGE_DAYS + " days after from");
        }
        return reports.breaches(team, start, end, size);
    }

    /** Open tasks not yet overdue whose deadline falls within the next days (1..30), per case manager. */
    @GetMapping("/forecast")
    Forecast forecast(@RequestParam(required = false) @Size(max = 64) @Pattern(regexp = TEAM_ID) String team,
                      @RequestParam(defaultValue = "7") @Min(1) @Max(30) int days) {
        return reports.forecast(team, days);
    }

    /**
     * An ISO date-time with offset, a local date-time (the server's zone) or a date: its first moment, or
     * with endOfDay its last (to the database's microsecond).
     */
    private static OffsetDateTime moment(String field, String value, boolean endOfDay) {
        ZoneId zone = ZoneId.systemDefault();
        OffsetDateTime moment;
        try {
            if (value.length() <= 10) {
                LocalDate date = LocalDate.parse(value);
                moment = endOfDay ? date.plusDays(1).atStartOfDay(zone).toOffsetDateTime().minusNanos(1000)
                        : date.atStartOfDay(zone).toOffsetDateTime();
            } else {
                moment = dateTime(value, zone);
            }
        } catch (DateTimeException e) {
            throw new BadParameterException(field, DATE_FORMAT);
        }
        if (moment.getYear() < 1970 || moment.getYear() > 9999) {
            throw new BadParameterException(field, "must be between the years 1970 and 9999");
        }
        return moment;
    }

    private static OffsetDateTime dateTime(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeException withoutOffset) {
            return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
        }
    }
}
