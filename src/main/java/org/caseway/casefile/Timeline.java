package org.caseway.casefile;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The case's timeline: every step, decision and change in order. Summaries never hold client data. */
@Repository
public class Timeline {

    public record Entry(OffsetDateTime occurredAt, String actor, String eventType, String taskKey, String summary) {
    }

    private final JdbcClient jdbc;

    Timeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(long caseId, String actor, String eventType, String taskKey, String summary) {
        jdbc.sql("""
                INSERT INTO timeline_entry (case_id, occurred_at, actor, event_type, task_key, summary)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(caseId, CaseClock.now(), actor, eventType, taskKey, truncate(summary))
                .update();
    }

    public List<Entry> of(long caseId) {
        return jdbc.sql("""
                SELECT occurred_at, actor, event_type, task_key, summary FROM timeline_entry
                WHERE case_id = ? ORDER BY occurred_at, id""").param(caseId)
                .query((rs, n) -> new Entry(rs.getObject("occurred_at", OffsetDateTime.class), rs.getString("actor"),
                        rs.getString("event_type"), rs.getString("task_key"), rs.getString("summary")))
                .list();
    }

    private static String truncate(String summary) {
        return summary.length() <= 500 ? summary : summary.substring(0, 497) + "...";
    }
}
