package org.caseway.sla;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.caseway.casefile.CaseClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every missed deadline (table sla_breach): once per task, level and deadline. */
@Repository
public class SlaBreaches {

    private final JdbcClient jdbc;
    private final SlaClocks clocks;

    SlaBreaches(JdbcClient jdbc, SlaClocks clocks) {
        this.jdbc = jdbc;
        this.clocks = clocks;
    }

    /** Records the breach unless this task's deadline was already recorded at this level; true if recorded now. */
    public boolean record(SlaClocks.Clock clock, int level, Instant deadline, String assignee, String escalatedTo) {
        boolean known = jdbc.sql("SELECT COUNT(*) FROM sla_breach WHERE task_id = ? AND level = ? AND deadline = ?")
                .params(clock.taskId(), level, at(deadline)).query(Long.class).single() > 0;
        if (known) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO sla_breach (task_id, case_id, team, task_key, level, deadline, breached_at, assignee, escalated_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(clock.taskId(), clock.caseId(), clock.team(), clock.taskKey(), level, at(deadline),
                        CaseClock.now(), assignee, truncate(escalatedTo))
                .update();
        clocks.markBreached(clock.taskId());
        return true;
    }

    public void linkEscalation(String taskId, int level, Instant deadline, String escalationId) {
        jdbc.sql("UPDATE sla_breach SET escalation_id = ? WHERE task_id = ? AND level = ? AND deadline = ?")
                .params(escalationId, taskId, level, at(deadline)).update();
    }

    /** The late task an escalation (process instance) was started for, within the given case. */
    public java.util.Optional<String> lateTaskOf(String escalationId, long caseId) {
        return jdbc.sql("SELECT task_id FROM sla_breach WHERE escalation_id = ? AND case_id = ?")
                .params(escalationId, caseId).query(String.class).optional();
    }

    public boolean hasBreach(String taskId, int level, Instant deadline) {
        return jdbc.sql("SELECT COUNT(*) FROM sla_breach WHERE task_id = ? AND level = ? AND deadline = ?")
                .params(taskId, level, at(deadline)).query(Long.class).single() > 0;
    }

    /** The late task was finally completed. */
    public void completed(String taskId) {
        jdbc.sql("UPDATE sla_breach SET completed_at = ? WHERE task_id = ? AND completed_at IS NULL")
                .params(CaseClock.now(), taskId).update();
    }

    /** What the supervisor (or the flow) did about the task's open breaches. */
    public void resolve(String taskId, String resolution, String by) {
        jdbc.sql("""
                UPDATE sla_breach SET resolution = ?, resolved_by = ?, resolved_at = ?
                WHERE task_id = ? AND resolution IS NULL""")
                .params(resolution, by, CaseClock.now(), taskId).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
