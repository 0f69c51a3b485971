package org.caseway.sla;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caseway.casefile.CaseClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code caseway_sla_open_tasks{team,state}}: open tasks per team and state (ON_TIME,
 * AT_RISK, OVERDUE), from one grouped query over {@code sla_clock} every 30 seconds rather than per
 * scrape. Every team (Camunda group of type TEAM) is reported, with zeros when it has no open task;
 * tasks of cases not yet routed to a team are under {@code team="none"}. Each node reports the same
 * database-wide figures: aggregate with max(), not sum().
 */
@Component
class SlaOpenTasksGauge {

    static final String NAME = "caseway.sla.open.tasks";
    static final String NO_TEAM = "none";

    private static final Logger log = LoggerFactory.getLogger(SlaOpenTasksGauge.class);

    private final SlaReports reports;
    private final SlaReportAccess access;
    private final MultiGauge gauge;

    SlaOpenTasksGauge(SlaReports reports, SlaReportAccess access, MeterRegistry registry) {
        this.reports = reports;
        this.access = access;
        this.gauge = MultiGauge.builder(NAME).description("Open user tasks per team and SLA state").register(registry);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void refresh() {
        try {
            Map<String, SlaReports.OpenTasks> counts = reports.openTasksOfEveryTeam(CaseClock.now());
            Map<String, SlaReports.OpenTasks> teams = new LinkedHashMap<>();
            access.allTeams().forEach(team -> teams.put(team, SlaReports.OpenTasks.of(0, 0, 0)));
            counts.forEach((team, open) -> teams.put(team == null ? NO_TEAM : team, open));
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            teams.forEach((team, open) -> {
                rows.add(row(team, SlaReports.State.ON_TIME, open.onTime()));
                rows.add(row(team, SlaReports.State.AT_RISK, open.atRisk()));
                rows.add(row(team, SlaReports.State.OVERDUE, open.overdue()));
            });
            gauge.register(rows, true);
        } catch (RuntimeException e) {
            // the last figures stay; the next refresh tries again
            log.warn("Could not refresh the SLA open-task gauge: {}", e.getClass().getName());
        }
    }

    private static MultiGauge.Row<?> row(String team, SlaReports.State state, long count) {
        return MultiGauge.Row.of(Tags.of("team", team, "state", state.name()), count);
    }
}
