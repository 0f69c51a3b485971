package org.caseway.casefile;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Service plans with their goals and services. Every submission is a new version; none is overwritten. */
@Repository
public class ServicePlans {

    public enum PlanStatus { SUBMITTED, APPROVED, RETURNED }

    public record Goal(int goalNo, String description, LocalDate targetDate, String status) {
    }

    public record PlannedService(String serviceId, int serviceNo, int goalNo, String serviceType, String provider,
                                 LocalDate targetDate, String status) {
    }

    public record Plan(long id, long caseId, int version, PlanStatus status, String crisisPlan, boolean clientAgrees,
                       String submittedBy, String decidedBy, String reviewComments,
                       List<Goal> goals, List<PlannedService> services) {
    }

    private final JdbcClient jdbc;
    /** The newest plan and the newest approved plan of a case, read once per transaction (every write here forgets them). */
    private final TransactionScoped<Long, Plan> latestRead;
    private final TransactionScoped<Long, Plan> approvedRead;

    ServicePlans(JdbcClient jdbc, javax.sql.DataSource dataSource) {
        this.jdbc = jdbc;
        this.latestRead = new TransactionScoped<>(dataSource);
        this.approvedRead = new TransactionScoped<>(dataSource);
    }

    /** Saves a new plan version with its goals and services; service ids are CASE-P{version}S{n}. */
    public Plan submit(CaseFile caseFile, String crisisPlan, boolean clientAgrees, String submittedBy,
                       List<Goal> goals, List<PlannedService> services) {
        forgetReads();
        int version = jdbc.sql("SELECT COALESCE(MAX(version), 0) + 1 FROM service_plan WHERE case_id = ?")
                .param(caseFile.id()).query(Integer.class).single();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO service_plan (case_id, version, status, crisis_plan, client_agrees, submitted_at, submitted_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(caseFile.id(), version, PlanStatus.SUBMITTED.name(), crisisPlan, clientAgrees, CaseClock.now(),
                        submittedBy)
                .update(keys, "id");
        long planId = keys.getKey().longValue();
        for (Goal goal : goals) {
            jdbc.sql("INSERT INTO plan_goal (plan_id, goal_no, description, target_date, status) VALUES (?, ?, ?, ?, ?)")
                    .params(planId, goal.goalNo(), goal.description(), goal.targetDate(), "OPEN").update();
        }
        for (PlannedService service : services) {
            String serviceId = "%s-P%dS%d".formatted(caseFile.caseNumber(), version, service.serviceNo());
            jdbc.sql("""
                    INSERT INTO plan_service (service_id, plan_id, service_no, goal_no, service_type, provider,
                        target_date, status, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(serviceId, planId, service.serviceNo(), service.goalNo(), service.serviceType(),
                            service.provider(), service.targetDate(), "PLANNED", CaseClock.now())
                    .update();
        }
        return latest(caseFile.id()).orElseThrow();
    }

    public Optional<Plan> latest(long caseId) {
        return Optional.ofNullable(latestRead.get(caseId, id -> plan(
                "SELECT * FROM service_plan WHERE case_id = ? ORDER BY version DESC LIMIT 1", id).orElse(null)));
    }

    public Optional<Plan> approved(long caseId) {
        return Optional.ofNullable(approvedRead.get(caseId, id -> plan(
                "SELECT * FROM service_plan WHERE case_id = ? AND status = 'APPROVED' ORDER BY version DESC LIMIT 1",
                id).orElse(null)));
    }

    /** The approved plan versions, newest first. */
    public List<Plan> approvedPlans(long caseId) {
        return jdbc.sql("SELECT id FROM service_plan WHERE case_id = ? AND status = 'APPROVED' ORDER BY version DESC")
                .param(caseId).query(Long.class).list().stream()
                .map(id -> plan("SELECT * FROM service_plan WHERE id = ?", id).orElseThrow()).toList();
    }

    public void decide(long planId, PlanStatus status, String decidedBy, String comments) {
        forgetReads();
        jdbc.sql("UPDATE service_plan SET status = ?, decided_at = ?, decided_by = ?, review_comments = ? WHERE id = ?")
                .params(status.name(), CaseClock.now(), decidedBy, comments, planId).update();
    }

    public Optional<PlannedService> service(String serviceId) {
        return jdbc.sql("""
                SELECT service_id, service_no, goal_no, service_type, provider, target_date, status
                FROM plan_service WHERE service_id = ?""").param(serviceId)
                .query((rs, n) -> new PlannedService(rs.getString("service_id"), rs.getInt("service_no"),
                        rs.getInt("goal_no"), rs.getString("service_type"), rs.getString("provider"),
                        rs.getObject("target_date", LocalDate.class), rs.getString("status")))
                .optional();
    }

    public void updateServiceStatus(String serviceId, String status) {
        forgetReads();
        jdbc.sql("UPDATE plan_service SET status = ?, updated_at = ? WHERE service_id = ?")
                .params(status, CaseClock.now(), serviceId).update();
    }

    public void updateServiceProvider(String serviceId, String provider) {
        forgetReads();
        jdbc.sql("UPDATE plan_service SET provider = ?, updated_at = ? WHERE service_id = ?")
                .params(provider, CaseClock.now(), serviceId).update();
    }

    public void updateGoalStatus(long planId, int goalNo, String status) {
        forgetReads();
        jdbc.sql("UPDATE plan_goal SET status = ? WHERE plan_id = ? AND goal_no = ?")
                .params(status, planId, goalNo).update();
    }

    private void forgetReads() {
        latestRead.forget();
        approvedRead.forget();
    }

    private Optional<Plan> plan(String sql, long caseId) {
        return jdbc.sql(sql).param(caseId).query((rs, n) -> new Plan(
                        rs.getLong("id"), rs.getLong("case_id"), rs.getInt("version"),
                        PlanStatus.valueOf(rs.getString("status")), rs.getString("crisis_plan"),
                        rs.getBoolean("client_agrees"), rs.getString("submitted_by"), rs.getString("decided_by"),
                        rs.getString("review_comments"), List.of(), List.of()))
                .optional()
                .map(p -> new Plan(p.id(), p.caseId(), p.version(), p.status(), p.crisisPlan(), p.clientAgrees(),
                        p.submittedBy(), p.decidedBy(), p.reviewComments(), goals(p.id()), services(p.id())));
    }

    private List<Goal> goals(long planId) {
        return jdbc.sql("SELECT goal_no, description, target_date, status FROM plan_goal WHERE plan_id = ? ORDER BY goal_no")
                .param(planId)
                .query((rs, n) -> new Goal(rs.getInt("goal_no"), rs.getString("description"),
                        rs.getObject("target_date", LocalDate.class), rs.getString("status")))
                .list().stream().toList();
    }

    private List<PlannedService> services(long planId) {
        return jdbc.sql("""
                SELECT service_id, service_no, goal_no, service_type, provider, target_date, status
                FROM plan_service WHERE plan_id = ? ORDER BY service_no""").param(planId)
                .query((rs, n) -> new PlannedService(rs.getString("service_id"), rs.getInt("service_no"),
                        rs.getInt("goal_no"), rs.getString("service_type"), rs.getString("provider"),
                        rs.getObject("target_date", LocalDate.class), rs.getString("status")))
                .list().stream().toList();
    }
}
