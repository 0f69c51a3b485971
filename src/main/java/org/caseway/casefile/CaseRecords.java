package org.caseway.casefile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** What each completed step recorded, its free-text notes, and who read the record. */
@Repository
public class CaseRecords {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    CaseRecords(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long save(long caseId, String recordType, String taskId, String serviceId, String recordedBy,
                     Map<String, Object> data) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO case_record (case_id, record_type, task_id, service_id, recorded_at, recorded_by, data)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(caseId, recordType, taskId, serviceId, CaseClock.now(), recordedBy, toJson(data))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void addNote(long caseId, Long recordId, String kind, String body, String author) {
        jdbc.sql("""
                INSERT INTO case_note (case_id, record_id, kind, body, author, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(caseId, recordId, kind, body, author, CaseClock.now())
                .update();
    }

    /** The data of the latest record of a type, e.g. the last needs assessment. */
    public Map<String, Object> latest(long caseId, String recordType) {
        return jdbc.sql("SELECT data FROM case_record WHERE case_id = ? AND record_type = ? ORDER BY id DESC LIMIT 1")
                .params(caseId, recordType).query(String.class).optional()
                .map(this::fromJson).orElse(Map.of());
    }

    /** Who recorded the latest record of a type, if any. */
    public java.util.Optional<String> latestRecordedBy(long caseId, String recordType) {
        return jdbc.sql("SELECT recorded_by FROM case_record WHERE case_id = ? AND record_type = ? ORDER BY id DESC LIMIT 1")
                .params(caseId, recordType).query(String.class).optional();
    }

    public long count(long caseId, String recordType) {
        return jdbc.sql("SELECT COUNT(*) FROM case_record WHERE case_id = ? AND record_type = ?")
                .params(caseId, recordType).query(Long.class).single();
    }

    public void logAccess(long caseId, String userId, String action) {
        jdbc.sql("INSERT INTO record_access (case_id, user_id, action, accessed_at) VALUES (?, ?, ?, ?)")
                .params(caseId, userId, action, CaseClock.now()).update();
    }

    private String toJson(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a case record", e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> fromJson(String data) {
        try {
            return json.readValue(data, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read a case record", e);
        }
    }
}
