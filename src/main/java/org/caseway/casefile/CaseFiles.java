package org.caseway.casefile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.caseway.casefile.CaseFile.CaseStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.incrementer.DataFieldMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.H2SequenceMaxValueIncrementer;
import org.springframework.jdbc.support.incrementer.PostgresSequenceMaxValueIncrementer;
import org.springframework.stereotype.Repository;

/** Cases and their clients, in Caseway's tables (same transaction as the engine). */
@Repository
public class CaseFiles {

    private static final String CASE_COLUMNS = """
            id, case_number, client_id, case_type, service_model, priority, referral_source, presenting_needs,
            status, stage, risk_level, urgent_risk, consent_to_services, consent_to_share, consent_share_with,
            consent_expires_on, closure_reason, referred_to, process_instance_id, opened_at, opened_by, closed_at,
            team, case_manager
            """;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final DataFieldMaxValueIncrementer caseNumbers;
    /** Cases read in this transaction, by number. */
    private final TransactionScoped<String, CaseFile> casesRead;

    CaseFiles(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.caseNumbers = caseNumberSequence(dataSource);
        this.casesRead = new TransactionScoped<>(dataSource);
    }

    private static DataFieldMaxValueIncrementer caseNumberSequence(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, md -> md.getDatabaseProductName());
            return product != null && product.toLowerCase().contains("postgres")
                    ? new PostgresSequenceMaxValueIncrementer(dataSource, "case_number_seq")
                    : new H2SequenceMaxValueIncrementer(dataSource, "case_number_seq");
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the database product", e);
        }
    }

    /** The next case number, e.g. CW-2026-000042. */
    public String nextCaseNumber() {
        return "CW-%d-%06d".formatted(CaseClock.now().getYear(), caseNumbers.nextLongValue());
    }

    public long insertClient(String firstName, String lastName, LocalDate dateOfBirth, String preferredLanguage,
                             String phone, String email) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO client (first_name, last_name, date_of_birth, preferred_language, phone, email, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(firstName, lastName, dateOfBirth, preferredLanguage, phone, email, CaseClock.now())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public long insertCase(String caseNumber, long clientId, CaseType caseType, ServiceModel model, Priority priority,
                           String referralSource, String presentingNeeds, String openedBy) {
        var keys = new GeneratedKeyHolder();
        OffsetDateTime now = CaseClock.now();
        jdbc.sql("""
                INSERT INTO case_file (case_number, client_id, case_type, service_model, priority, referral_source,
                    presenting_needs, status, stage, opened_at, opened_by, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(caseNumber, clientId, caseType.name(), model.name(), priority.name(), referralSource,
                        presentingNeeds, CaseStatus.OPEN.name(), CaseStage.INTAKE.name(), now, openedBy, now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    public void linkProcessInstance(long caseId, String processInstanceId) {
        update("UPDATE case_file SET process_instance_id = ?, updated_at = ? WHERE id = ?",
                processInstanceId, CaseClock.now(), caseId);
    }

    /**
     * The case, read once per transaction: a task completion reads it from several listeners (stage, timeline,
     * SLA clock, assignment), each a statement of its own before this (README "Operations: performance"). Every
     * write of this class empties the transaction's copy, and only this class writes case_file.
     */
    public Optional<CaseFile> findByNumber(String caseNumber) {
        return Optional.ofNullable(casesRead.get(caseNumber, number -> jdbc.sql(
                "SELECT " + CASE_COLUMNS + " FROM case_file WHERE case_number = ?")
                .param(number).query(CaseFiles::mapCase).optional().orElse(null)));
    }

    public CaseFile getByNumber(String caseNumber) {
        return findByNumber(caseNumber).orElseThrow(() -> new CaseNotFoundException(caseNumber));
    }

    public Optional<Client> findClient(long clientId) {
        return jdbc.sql("""
                SELECT id, first_name, last_name, date_of_birth, preferred_language, phone, email
                FROM client WHERE id = ?""").param(clientId)
                .query((rs, n) -> new Client(rs.getLong("id"), rs.getString("first_name"), rs.getString("last_name"),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("preferred_language"),
                        rs.getString("phone"), rs.getString("email")))
                .optional();
    }

    public void updateStage(long caseId, CaseStage stage) {
        update("UPDATE case_file SET stage = ?, updated_at = ? WHERE id = ?", stage.name(), CaseClock.now(), caseId);
    }

    public void recordIntake(long caseId, boolean consentToServices, boolean consentToShare, String consentShareWith,
                             LocalDate consentExpiresOn, boolean urgentRisk, String referredTo) {
        update("""
                UPDATE case_file SET consent_to_services = ?, consent_to_share = ?, consent_share_with = ?,
                    consent_expires_on = ?, urgent_risk = ?, referred_to = ?, updated_at = ? WHERE id = ?""",
                consentToServices, consentToShare, consentShareWith, consentExpiresOn, urgentRisk, referredTo,
                CaseClock.now(), caseId);
    }

    public void assign(long caseId, String team, String caseManager) {
        update("UPDATE case_file SET team = ?, case_manager = ?, updated_at = ? WHERE id = ?",
                team, caseManager, CaseClock.now(), caseId);
    }

    public void updateRiskLevel(long caseId, String riskLevel) {
        update("UPDATE case_file SET risk_level = ?, updated_at = ? WHERE id = ?", riskLevel, CaseClock.now(), caseId);
    }

    public void updateClosureReason(long caseId, String closureReason) {
        update("UPDATE case_file SET closure_reason = ?, updated_at = ? WHERE id = ?",
                closureReason, CaseClock.now(), caseId);
    }

    public void end(long caseId, CaseStatus status) {
        OffsetDateTime now = CaseClock.now();
        update("UPDATE case_file SET status = ?, stage = ?, closed_at = ?, updated_at = ? WHERE id = ?",
                status.name(), CaseStage.CLOSED.name(), now, now, caseId);
    }

    /** A page of cases, newest first, optionally filtered by stage and case type. */
    /** A page of cases, newest first; {@code teams} null = every case, else cases without a team or of these teams. */
    public List<CaseFile> page(CaseStage stage, CaseType caseType, List<String> teams, int page, int size) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM case_file WHERE " + FILTER + " ORDER BY id DESC LIMIT :size OFFSET :offset")
                .params(filter(stage, caseType, teams)).param("size", size).param("offset", (long) page * size)
                .query(CaseFiles::mapCase).list();
    }

    public long count(CaseStage stage, CaseType caseType, List<String> teams) {
        return jdbc.sql("SELECT COUNT(*) FROM case_file WHERE " + FILTER).params(filter(stage, caseType, teams))
                .query(Long.class).single();
    }

    private static final String FILTER = "(CAST(:stage AS VARCHAR(40)) IS NULL OR stage = :stage)"
            + " AND (CAST(:caseType AS VARCHAR(40)) IS NULL OR case_type = :caseType)"
            + " AND (:allTeams = TRUE OR team IS NULL OR team IN (:teams))";

    private static java.util.Map<String, Object> filter(CaseStage stage, CaseType caseType, List<String> teams) {
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        params.put("stage", name(stage));
        params.put("caseType", name(caseType));
        params.put("allTeams", teams == null);
        params.put("teams", teams == null || teams.isEmpty() ? List.of("-") : teams);
        return params;
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private void update(String sql, Object... params) {
        casesRead.forget();
        int rows = jdbc.sql(sql).params(params).update();
        if (rows != 1) {
            throw new IllegalStateException("Expected to update one case, updated " + rows);
        }
    }

    private static CaseFile mapCase(ResultSet rs, int row) throws SQLException {
        return new CaseFile(
                rs.getLong("id"), rs.getString("case_number"), rs.getLong("client_id"),
                CaseType.valueOf(rs.getString("case_type")), ServiceModel.valueOf(rs.getString("service_model")),
                Priority.valueOf(rs.getString("priority")), rs.getString("referral_source"),
                rs.getString("presenting_needs"), CaseStatus.valueOf(rs.getString("status")),
                CaseStage.valueOf(rs.getString("stage")), rs.getString("risk_level"), rs.getBoolean("urgent_risk"),
                (Boolean) rs.getObject("consent_to_services"), (Boolean) rs.getObject("consent_to_share"),
                rs.getString("consent_share_with"), rs.getObject("consent_expires_on", LocalDate.class),
                rs.getString("closure_reason"), rs.getString("referred_to"), rs.getString("process_instance_id"),
                rs.getObject("opened_at", OffsetDateTime.class), rs.getString("opened_by"),
                rs.getObject("closed_at", OffsetDateTime.class), rs.getString("team"), rs.getString("case_manager"));
    }
}
