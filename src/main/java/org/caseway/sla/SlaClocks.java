package org.caseway.sla;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.caseway.casefile.CaseClock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** One SLA clock per user task (table sla_clock), written in the engine's transaction. */
@Repository
public class SlaClocks {

    /** A task's clock; breached: a missed deadline of the task is on record (sla_breach). */
    public record Clock(String taskId, long caseId, String team, String taskKey, SlaSchedule schedule, int extensions,
                        OffsetDateTime endedAt, boolean breached) {
        public boolean open() {
            return endedAt == null;
        }
    }

    private final JdbcClient jdbc;

    SlaClocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void start(String taskId, long caseId, String team, String taskKey, SlaSchedule s) {
        jdbc.sql("""
                INSERT INTO sla_clock (task_id, case_id, team, task_key, sla_priority, business_hours, policy_version,
                    created_at, goal_at, due_at, second_at, second_after)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(taskId, caseId, team, taskKey, s.priority().name(), s.businessHours(), s.policyVersion(),
                        at(s.createdAt()), at(s.goalAt()), at(s.dueAt()), at(s.secondAt()), s.secondAfter().toString())
                .update();
    }

    public Optional<Clock> find(String taskId) {
        return jdbc.sql("""
                SELECT task_id, case_id, team, task_key, sla_priority, business_hours, policy_version, created_at,
                    goal_at, due_at, second_at, second_after, extensions, ended_at, breached
                FROM sla_clock WHERE task_id = ?""")
                .param(taskId)
                .query((rs, n) -> new Clock(rs.getString("task_id"), rs.getLong("case_id"), rs.getString("team"),
                        rs.getString("task_key"),
                        new SlaSchedule(SlaPriority.valueOf(rs.getString("sla_priority")), rs.getBoolean("business_hours"),
                                rs.getInt("policy_version"), instant(rs, "created_at"), instant(rs, "goal_at"),
                                instant(rs, "due_at"), instant(rs, "second_at"),
                                rs.getString("second_after") == null ? null : SlaDuration.parse(rs.getString("second_after"))),
                        rs.getInt("extensions"), rs.getObject("ended_at", OffsetDateTime.class), rs.getBoolean("breached")))
                .optional();
    }

    /** A missed deadline of the task is on record (sla_breach), in the same transaction. */
    void markBreached(String taskId) {
        jdbc.sql("UPDATE sla_clock SET breached = TRUE WHERE task_id = ? AND NOT breached").param(taskId).update();
    }

    /** Stops the clock: COMPLETED when the task was worked, CANCELLED when the flow moved on without it. */
    public void end(String taskId, String reason) {
        jdbc.sql("UPDATE sla_clock SET ended_at = ?, end_reason = ? WHERE task_id = ? AND ended_at IS NULL")
                .params(CaseClock.now(), reason, taskId).update();
    }

    /** A new deadline (and second-escalation point) granted by a supervisor. */
    public void extend(String taskId, Instant dueAt, Instant secondAt) {
        jdbc.sql("UPDATE sla_clock SET due_at = ?, second_at = ?, extensions = extensions + 1 WHERE task_id = ?")
                .params(at(dueAt), at(secondAt), taskId).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
