package org.caseway.system;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/** Everything Caseway reads from configuration, typed and validated at start-up. */
@Validated
@ConfigurationProperties(prefix = "caseway")
public record CasewayProperties(
        @NotBlank String dataDir,
        @Pattern(regexp = SESSION_ROUTE, message = "must be empty or 1 to 32 letters, digits, '-' or '_'") String sessionRoute,
        @Valid @NotNull Records records,
        @Valid @NotNull Engine engine,
        @Valid @NotNull Coordination coordination,
        @Valid @NotNull Monitoring monitoring,
        @Valid @NotNull Tasklist tasklist,
        @Valid @NotNull Demo demo,
        @Valid @NotNull Sla sla,
        @Valid @NotNull Notifications notifications,
        @Valid @NotNull Dev dev) {

    /**
     * {@code caseway.session-route}: this node's route behind a reverse proxy ({@link SessionRoute}); it goes into the
     * session cookie and the proxy's match on it, so only letters, digits, '-' and '_'. Empty: no route.
     */
    static final String SESSION_ROUTE = "[A-Za-z0-9_-]{0,32}";

    /**
     * Records retention: how long the engine keeps the history of an ended case, and when it removes it.
     *
     * @param historyTimeToLive how long after a case ended its engine history is kept
     * @param cleanupWindowStart start of the daily window in which the engine's history cleanup runs (the
     *                           agency's off hours, in the server's time zone, minutes only)
     * @param cleanupWindowEnd end of that window; before the start means the window runs past midnight
     */
    public record Records(@NotNull @DurationUnit(java.time.temporal.ChronoUnit.DAYS) Duration historyTimeToLive,
                          @NotNull LocalTime cleanupWindowStart, @NotNull LocalTime cleanupWindowEnd) {

        private static final java.time.format.DateTimeFormatter HOURS_MINUTES =
                java.time.format.DateTimeFormatter.ofPattern("HH:mm");

        public String historyTimeToLiveDays() {
            return "P" + historyTimeToLive.toDays() + "D";
        }

        /** The engine's format of a batch window time, "HH:mm". */
        public String cleanupWindowStartTime() {
            return cleanupWindowStart.format(HOURS_MINUTES);
        }

        public String cleanupWindowEndTime() {
            return cleanupWindowEnd.format(HOURS_MINUTES);
        }

        @AssertTrue(message = "the cleanup window needs a start different from its end, both in whole minutes")
        public boolean isCleanupWindowValid() {
            return cleanupWindowStart == null || cleanupWindowEnd == null
                    || !cleanupWindowStart.equals(cleanupWindowEnd)
                    && cleanupWindowStart.getSecond() == 0 && cleanupWindowStart.getNano() == 0
                    && cleanupWindowEnd.getSecond() == 0 && cleanupWindowEnd.getNano() == 0;
        }
    }

    /**
     * The engine's limits and Caseway's changes to the engine's queries, each of which can be switched off
     * (README "Performance: benchmark and tuning" gives what each one bought).
     *
     * @param queryMaxResultsLimit the most results one engine query may return in one page
     * @param indexedAuthorizedGroups find the groups that have authorizations through the index
     *                                ({@link AuthorizedGroupIdsByIndex})
     * @param skipLockedAcquisition PostgreSQL: job acquisition skips the jobs another node is acquiring
     *                              ({@link JobAcquisitionSkipLocked})
     * @param queryPlansWithValues PostgreSQL: the engine's queries are planned with their values
     *                             ({@link QueryPlansWithValues})
     * @param incidentLookupForFailedJobsOnly a deleted job with retries left is not searched for its incident
     *                                        ({@link IncidentLookupForFailedJobsOnly})
     * @param dynamicSqlCaches the SQL and parameters MyBatis parses from each statement text are kept per text
     *                       ({@link DynamicSqlCaches})
     * @param taskCountGrantJoin PostgreSQL: a task count joins the person's grants on the task's id
     *                           ({@link TaskCountGrantJoin})
     * @param taskPageSemiJoin PostgreSQL: a page of a candidates' queue selects the tasks whose ids the engine's
     *                         conditions select ({@link TaskPageSemiJoin})
     * @param largeTaskCounts a person's large task counts kept and made again in the background
     *                        ({@link LargeTaskCounts})
     */
    public record Engine(@Min(100) @Max(100_000) int queryMaxResultsLimit, boolean indexedAuthorizedGroups,
                         boolean skipLockedAcquisition, boolean queryPlansWithValues,
                         boolean incidentLookupForFailedJobsOnly, boolean dynamicSqlCaches,
                         boolean taskCountGrantJoin, boolean taskPageSemiJoin,
                         @Valid @NotNull LargeTaskCountSettings largeTaskCounts) {

        /**
         * {@code caseway.engine.large-task-counts} ({@link LargeTaskCounts}).
         *
         * @param enabled keep large counts; off, every count is made when it is asked for
         * @param from the smallest count kept: a count below it is always exact
         * @param freshFor a kept count younger than this is answered without being made again
         * @param keptFor a kept count older than this is made again before it is answered
         * @param refreshThreads how many counts a node makes again at once, each on a connection of the pool
         */
        public record LargeTaskCountSettings(boolean enabled, @Min(1) long from,
                                             @NotNull @DurationMin(millis = 0) @DurationMax(hours = 1) Duration freshFor,
                                             @NotNull @DurationMin(millis = 0) @DurationMax(hours = 24) Duration keptFor,
                                             @Min(1) @Max(8) int refreshThreads) {

            @AssertTrue(message = "kept-for must not be shorter than fresh-for")
            public boolean isKeptNoShorterThanFresh() {
                return freshFor == null || keptFor == null || keptFor.compareTo(freshFor) >= 0;
            }
        }
    }

    public record Coordination(@NotNull Duration referralResponseTimeout) {
    }

    /**
     * @param reassessmentInterval time between scheduled reassessments during active care
     * @param postClosureCheckDelay when the one check after closure is due
     */
    public record Monitoring(@NotNull Duration reassessmentInterval,
                             @NotNull Duration postClosureCheckDelay) {
    }

    /**
     * @param filterRefreshInterval how often the literal dates of "Due today" and "Overdue" move forward
     * @param cardLinksTimeToLive how long a node reuses the process definitions and people it embedded in Tasklist's
     *                            task lists (the process name and assignee on each card) before it reads them again;
     *                            0 to 24 hours, 0 reads them at every list
     */
    public record Tasklist(@NotNull Duration filterRefreshInterval,
                           @NotNull @DurationMin(millis = 0) @DurationMax(hours = 24) Duration cardLinksTimeToLive) {
    }

    public record Demo(@NotBlank String password) {
    }

    /**
     * SLA deadlines: the working calendar routine deadlines count in (crisis deadlines count around the clock), and
     * how long a node uses the latest sla-policy version it looked up before it looks again (a version deployed
     * through the node itself applies at once; one deployed through another node of a cluster within this time).
     */
    public record Sla(@Valid @NotNull Calendar calendar,
                      @NotNull @DurationMin(millis = 0) @DurationMax(minutes = 10) Duration policyRefresh) {

        /**
         * The agency's working calendar; see org.caseway.sla.BusinessCalendar for how deadlines use it.
         *
         * @param zone the agency's time zone: working days, opening hours and holidays are local to it
         * @param workingDays the days of the week with working hours (at least one)
         * @param opens when working time starts on a working day
         * @param closes when working time ends on the same day (after {@code opens}; no hours past midnight)
         * @param holidays dates without working time even on a working day; none if left out
         */
        public record Calendar(@NotNull ZoneId zone, @NotEmpty Set<DayOfWeek> workingDays, @NotNull LocalTime opens,
                               @NotNull LocalTime closes, List<LocalDate> holidays) {

            public Calendar {
                holidays = holidays == null ? List.of() : List.copyOf(holidays);
            }

            @AssertTrue(message = "opens must be before closes on the same day")
            public boolean isOpenBeforeClosing() {
                return opens == null || closes == null || opens.isBefore(closes);
            }
        }
    }

    /**
     * @param from sender address of Caseway's e-mails
     * @param emailEnabled e-mail on or off; on also needs a mail host (spring.mail.host)
     * @param dispatchInterval how often the outbox is swept for leftovers and retries
     * @param claimTimeout a row claimed longer ago than this (its node stopped) is claimed again
     * @param maxAttempts failed deliveries of a row before it is FAILED
     */
    public record Notifications(@NotBlank @jakarta.validation.constraints.Email String from, boolean emailEnabled,
                                @NotNull Duration dispatchInterval, @NotNull Duration claimTimeout,
                                @Min(1) @Max(100) int maxAttempts,
                                @NotNull @DurationMin(seconds = 0) @DurationMax(days = 1) Duration retryBackoff,
                                @NotNull @DurationMin(seconds = 0) @DurationMax(days = 7) Duration maxRetryBackoff) {

        /** The wait before the next attempt after this many failed ones: the backoff, doubled after each, capped. */
        public Duration backoffAfter(int failedAttempts) {
            Duration wait = retryBackoff;
            for (int i = 1; i < failedAttempts && wait.compareTo(maxRetryBackoff) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : wait;
        }
    }

    /**
     * The dev profile's hot redeploy (org.caseway.modeling.DevRedeployer; processes/README.md "Fast feedback with the
     * dev profile"). Read in every profile, used only in the dev profile.
     *
     * @param modelsDir the BPMN and DMN folder watched, relative to the working directory unless absolute (a string:
     *                  Spring's property editor for Path may resolve a relative path to the classpath's folder of that
     *                  name, target/classes/processes, which is not what analysts edit)
     * @param formsDir the Camunda Forms folder watched, likewise
     * @param debounce quiet time after the last change of a file before the folders are compared with the engine
     *                 (an editor's save is often several writes)
     */
    public record Dev(@NotBlank String modelsDir, @NotBlank String formsDir,
                      @NotNull @DurationMin(millis = 50) @DurationMax(seconds = 60) Duration debounce) {

        public java.nio.file.Path modelsFolder() {
            return java.nio.file.Path.of(modelsDir);
        }

        public java.nio.file.Path formsFolder() {
            return java.nio.file.Path.of(formsDir);
        }
    }
}
