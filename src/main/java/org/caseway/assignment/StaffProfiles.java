package org.caseway.assignment;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.TransactionScoped;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Case managers' and supervisors' profiles, and the caseloads the choice rules weigh. */
@Repository
public class StaffProfiles {

    public enum Role { CASE_MANAGER, SUPERVISOR }

    public record Profile(String userId, String team, Role role, Set<String> qualifications, Set<String> languages,
                          int caseloadCap, boolean active, LocalDate absentUntil) {

        /** Active and not absent today. */
        public boolean available(LocalDate today) {
            return active && (absentUntil == null || absentUntil.isBefore(today));
        }
    }

    /**
     * A case manager's open cases and their weight: LOW 1, MEDIUM 2, HIGH 3 (not yet assessed 1),
     * and each open crisis adds {@link #CRISIS_WEIGHT} while it lasts.
     */
    public record Load(int openCases, int weightedLoad, long lastAssigned) {
    }

    public static final int CRISIS_WEIGHT = 2;

    private final JdbcClient jdbc;
    /** A team's profiles, read once per transaction: a supervisor's task asks for its candidates twice. */
    private final TransactionScoped<String, List<Profile>> teamsRead;

    StaffProfiles(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.teamsRead = new TransactionScoped<>(dataSource);
    }

    public void save(Profile p) {
        teamsRead.forget();
        int updated = jdbc.sql("""
                UPDATE staff_profile SET team = ?, role = ?, qualifications = ?, languages = ?, caseload_cap = ?,
                    active = ?, absent_until = ?, updated_at = ? WHERE user_id = ?""")
                .params(p.team(), p.role().name(), String.join(",", p.qualifications()), String.join(",", p.languages()),
                        p.caseloadCap(), p.active(), p.absentUntil(), CaseClock.now(), p.userId())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO staff_profile (user_id, team, role, qualifications, languages, caseload_cap, active,
                        absent_until, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(p.userId(), p.team(), p.role().name(), String.join(",", p.qualifications()),
                            String.join(",", p.languages()), p.caseloadCap(), p.active(), p.absentUntil(), CaseClock.now())
                    .update();
        }
    }

    public Optional<Profile> find(String userId) {
        return jdbc.sql("SELECT * FROM staff_profile WHERE user_id = ?").param(userId).query(StaffProfiles::map).optional();
    }

    public List<Profile> team(String team) {
        return teamsRead.get(team, t -> jdbc.sql("SELECT * FROM staff_profile WHERE team = ? ORDER BY user_id").param(t)
                .query(StaffProfiles::map).list().stream().toList());
    }

    public List<Profile> all() {
        return jdbc.sql("SELECT * FROM staff_profile ORDER BY team, user_id").query(StaffProfiles::map).list();
    }

    public Load load(String userId) {
        return jdbc.sql("""
                SELECT COUNT(*) AS open_cases,
                       COALESCE(SUM(CASE risk_level WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END), 0)
                         + %d * (SELECT COUNT(*) FROM case_crisis k JOIN case_file o ON o.id = k.case_id
                                 WHERE o.case_manager = ? AND o.status = 'OPEN' AND k.resolved_at IS NULL) AS weighted,
                       COALESCE(MAX(id), 0) AS last_assigned
                FROM case_file WHERE case_manager = ? AND status = 'OPEN'""".formatted(CRISIS_WEIGHT))
                .params(userId, userId)
                .query((rs, n) -> new Load(rs.getInt("open_cases"), rs.getInt("weighted"), rs.getLong("last_assigned")))
                .single();
    }

    private static Profile map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Profile(rs.getString("user_id"), rs.getString("team"), Role.valueOf(rs.getString("role")),
                split(rs.getString("qualifications")), split(rs.getString("languages")), rs.getInt("caseload_cap"),
                rs.getBoolean("active"), rs.getObject("absent_until", LocalDate.class));
    }

    private static Set<String> split(String csv) {
        return csv == null || csv.isBlank() ? Set.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
