package org.caseway.casefile;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Crises and case conferences of a case. */
@Repository
public class CaseEvents {

    public record Crisis(long id, long caseId, String severity, String description) {
    }

    public record Conference(long id, long caseId, String reason, List<String> participants) {
    }

    private final JdbcClient jdbc;

    CaseEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long reportCrisis(long caseId, String severity, String description, String reportedBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO case_crisis (case_id, severity, description, reported_at, reported_by)
                VALUES (?, ?, ?, ?, ?)""")
                .params(caseId, severity, description, CaseClock.now(), reportedBy).update(keys, "id");
        return keys.getKey().longValue();
    }

    public void resolveCrisis(long id) {
        jdbc.sql("UPDATE case_crisis SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL")
                .params(CaseClock.now(), id).update();
    }

    public Optional<Crisis> crisis(long id) {
        return jdbc.sql("SELECT id, case_id, severity, description FROM case_crisis WHERE id = ?").param(id)
                .query((rs, n) -> new Crisis(rs.getLong("id"), rs.getLong("case_id"), rs.getString("severity"),
                        rs.getString("description")))
                .optional();
    }

    public long callConference(long caseId, String reason, List<String> participants, String requestedBy) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO case_conference (case_id, reason, participants, requested_at, requested_by)
                VALUES (?, ?, ?, ?, ?)""")
                .params(caseId, reason, String.join(",", participants), CaseClock.now(), requestedBy)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public Optional<Conference> conference(long id) {
        return jdbc.sql("SELECT id, case_id, reason, participants FROM case_conference WHERE id = ?").param(id)
                .query((rs, n) -> new Conference(rs.getLong("id"), rs.getLong("case_id"), rs.getString("reason"),
                        Arrays.asList(rs.getString("participants").split(","))))
                .optional();
    }

    /** The people who have worked the case (recorded a step), most recent first: its case team. */
    public List<String> caseTeam(long caseId, int limit) {
        return jdbc.sql("""
                SELECT recorded_by FROM case_record WHERE case_id = ? AND recorded_by <> 'system'
                GROUP BY recorded_by ORDER BY MAX(id) DESC LIMIT ?""")
                .params(caseId, limit).query(String.class).list();
    }
}
