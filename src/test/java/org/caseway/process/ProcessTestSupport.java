package org.caseway.process;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;

/**
 * Plain process tests run the models on an in-memory engine without Spring: the beans the models
 * name are replaced by these stand-ins (their own behaviour is tested in the Spring Boot tests).
 * The engine clock is fixed at {@link #NOW} by {@link #startClock()} so that timer due dates can be
 * checked exactly; tests move it with {@link #moveClockTo(Date)} and reset it with {@link #resetClock()}.
 */
final class ProcessTestSupport {

    static final String ENGINE_CONFIG = "camunda-junit.cfg.xml";

    /**
     * The engine of {@link #ENGINE_CONFIG} (one per JVM, named caseway-process-tests), recording which flow
     * nodes and sequence flows each test class ran: its report goes to
     * {@code target/process-test-coverage/<test class>/}, and {@link ProcessCoverageCheck} requires the
     * classes together to cover every model completely.
     */
    static ProcessEngineCoverageExtension engineWithCoverage() {
        return ProcessEngineCoverageExtension.builder(ENGINE_CONFIG).handleTestMethodCoverage(false).build();
    }

    /** Where every test's engine clock starts: a Monday morning. */
    static final Date NOW = Date.from(Instant.parse("2026-03-02T09:00:00Z"));

    /** Participants {@code caseConferences.participants(..)} answers with unless a test says otherwise. */
    static final List<String> CONFERENCE_PARTICIPANTS = List.of("mary", "john", "sam");

    /** ${caseTimers.*}: the configured durations. */
    public static final class Timers {
        public String getReferralResponseTimeout() {
            return "P10D";
        }

        public String getReassessmentCycle() {
            return "R/P90D";
        }

        public String getPostClosureCheckDelay() {
            return "P30D";
        }
    }

    /**
     * ${sla.goal|deadline|secondEscalation(execution)}: fixed offsets from the engine's now (1, 2 and 3
     * days), so the SLA timeout timers of every task exist; what the timeout listeners do, and the
     * real policy and calendar, are tested with Spring (SlaEscalationTest).
     */
    public static final class Sla {
        public Date goal(Object execution) {
            return plusDays(ClockUtil.getCurrentTime(), 1);
        }

        public Date deadline(Object execution) {
            return plusDays(ClockUtil.getCurrentTime(), 2);
        }

        public Date secondEscalation(Object execution) {
            return plusDays(ClockUtil.getCurrentTime(), 3);
        }
    }

    /**
     * ${caseServices.plannedServiceIds(caseNumber)} and ${caseServices.changedServiceIds(caseNumber)}: the
     * ids of the approved plan's services, and of the services a revised plan added or changed (the models
     * pass the case number or the business key, which is the case number). Ids are
     * given without the case number (e.g. "P1S1") and answered as {@code <caseNumber>-<id>}.
     */
    public static final class Services {
        private final List<String> planned;
        private final List<String> changed;

        Services(List<String> planned, List<String> changed) {
            this.planned = new ArrayList<>(planned);
            this.changed = new ArrayList<>(changed);
        }

        public List<String> plannedServiceIds(String caseNumber) {
            return planned.stream().map(id -> caseNumber + "-" + id).toList();
        }

        public List<String> changedServiceIds(String caseNumber) {
            return changed.stream().map(id -> caseNumber + "-" + id).toList();
        }
    }

    /** ${caseConferences.participants(conferenceId)}: the user ids invited to a conference. */
    public static final class Conferences {
        private final List<String> participants;
        private final List<String> asked = new ArrayList<>();

        Conferences(List<String> participants) {
            this.participants = List.copyOf(participants);
        }

        public List<String> participants(String conferenceId) {
            asked.add(conferenceId);
            return participants;
        }

        /** The conference ids the model asked participants for, in order. */
        List<String> askedFor() {
            return List.copyOf(asked);
        }
    }

    /** ${crisisOpenedListener}: gives the crisis an id when the caller did not pass one. */
    public static final class CrisisOpened implements ExecutionListener {
        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            if (execution.getVariable("crisisId") == null) {
                execution.setVariable("crisisId", "C1");
            }
        }
    }

    /** ${conferenceOpenedListener}: gives the conference an id when the caller did not pass one. */
    public static final class ConferenceOpened implements ExecutionListener {
        @Override
        public void notify(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            if (execution.getVariable("conferenceId") == null) {
                execution.setVariable("conferenceId", "K1");
            }
        }
    }

    /** ${caseTeam...}: candidates by role, as before a case has a team. */
    public static final class RoleGroups {
        public String caseManagers(Object execution) {
            return "case-managers";
        }

        public List<String> supervisors(Object execution) {
            return List.of();
        }

        public List<String> supervisorGroups(Object execution) {
            return List.of("supervisors");
        }
    }

    /** ${escalationTeam.users|groups(execution)}: level 1 to the supervisors, level 2 to the program managers. */
    public static final class EscalationGroups {
        public List<String> users(Object execution) {
            return List.of();
        }

        public List<String> groups(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
            Object level = execution.getVariable("escalationLevel");
            return List.of(Long.valueOf(2).equals(level) ? "program-managers" : "supervisors");
        }
    }

    /** ${assignCaseManagerDelegate}: a case manager is found (tests of the fallback register NOBODY_ELIGIBLE). */
    static final org.camunda.bpm.engine.delegate.JavaDelegate ASSIGN_MARY =
            execution -> execution.setVariable("caseManager", "mary");
    static final org.camunda.bpm.engine.delegate.JavaDelegate NOBODY_ELIGIBLE =
            execution -> execution.setVariable("caseManager", null);

    /** The registered stand-ins, for tests that look at what the models asked them. */
    record Beans(Timers timers, Services services, Conferences conferences) {
    }

    /** Planned services only; no changed services; the default conference participants. */
    static Beans registerBeans(List<String> plannedServiceIds) {
        return registerBeans(plannedServiceIds, List.of(), CONFERENCE_PARTICIPANTS);
    }

    static Beans registerBeans(List<String> plannedServiceIds, List<String> changedServiceIds,
            List<String> conferenceParticipants) {
        Beans beans = new Beans(new Timers(), new Services(plannedServiceIds, changedServiceIds),
                new Conferences(conferenceParticipants));
        Mocks.register("openStageListener", (TaskListener) task -> { });
        Mocks.register("recordStageListener", (TaskListener) task -> { });
        Mocks.register("caseEndedListener", (ExecutionListener) execution -> { });
        Mocks.register("caseClosedListener", (ExecutionListener) execution -> { });
        Mocks.register("crisisOpenedListener", new CrisisOpened());
        Mocks.register("conferenceOpenedListener", new ConferenceOpened());
        Mocks.register("caseTimers", beans.timers());
        Mocks.register("caseServices", beans.services());
        Mocks.register("caseConferences", beans.conferences());
        Mocks.register("assignCaseManagerDelegate", ASSIGN_MARY);
        Mocks.register("caseTeam", new RoleGroups());
        Mocks.register("crisisEndedListener", (ExecutionListener) execution -> { });
        Mocks.register("sla", new Sla());
        for (String listener : List.of("slaClock", "slaReminder", "slaBreach", "slaSecondEscalation")) {
            Mocks.register(listener, (TaskListener) task -> { });
        }
        Mocks.register("escalationTeam", new EscalationGroups());
        return beans;
    }

    /** Fixes the engine clock at {@link #NOW}. */
    static void startClock() {
        ClockUtil.setCurrentTime(NOW);
    }

    static void moveClockTo(Date time) {
        ClockUtil.setCurrentTime(time);
    }

    static void resetClock() {
        ClockUtil.reset();
    }

    static Date now() {
        return ClockUtil.getCurrentTime();
    }

    static Date plusDays(Date date, int days) {
        return Date.from(date.toInstant().plus(Duration.ofDays(days)));
    }

    static Date plusHours(Date date, int hours) {
        return Date.from(date.toInstant().plus(Duration.ofHours(hours)));
    }

    private ProcessTestSupport() {
    }
}
