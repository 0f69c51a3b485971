package org.caseway.assignment;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.DecisionService;
import org.caseway.assignment.CaseManagerChoice.Candidate;
import org.caseway.assignment.CaseManagerChoice.Choice;
import org.caseway.assignment.CaseManagerChoice.Need;
import org.caseway.assignment.StaffProfiles.Profile;
import org.caseway.assignment.StaffProfiles.Role;
import org.caseway.casefile.CaseClock;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.Client;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.Timeline;
import org.caseway.system.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Routes a case to its team (DMN case-routing) and chooses its case manager by the rules of
 * {@link CaseManagerChoice}, with the qualifications the case needs from the DMN
 * required-qualifications. The decision and its reason go to the case timeline.
 */
@Service
public class CaseAssignment {

    public static final String ROUTING_DECISION = "case-routing";
    public static final String QUALIFICATIONS_DECISION = "required-qualifications";

    private final CaseFiles caseFiles;
    private final StaffProfiles staff;
    private final Timeline timeline;
    private final DecisionService decisions;
    private final CurrentUser currentUser;
    private final JdbcClient jdbc;

    CaseAssignment(CaseFiles caseFiles, StaffProfiles staff, Timeline timeline, DecisionService decisions,
                   CurrentUser currentUser, JdbcClient jdbc) {
        this.caseFiles = caseFiles;
        this.staff = staff;
        this.timeline = timeline;
        this.decisions = decisions;
        this.currentUser = currentUser;
        this.jdbc = jdbc;
    }

    /** Chooses and records the case manager; returns the chosen user id, empty when a supervisor must decide. */
    public Optional<String> assign(CaseFile caseFile) {
        String team = currentUser.withoutEngineAuthorization(() -> decisions.evaluateDecisionTableByKey(ROUTING_DECISION)
                .variables(decisionInputs(caseFile)).evaluate().getSingleResult().getEntry("team"));
        Client client = caseFiles.findClient(caseFile.clientId()).orElseThrow();
        int weight = caseFile.urgentRisk() ? 3 : caseFile.priority().name().equals("URGENT") ? 2 : 1;
        Need need = new Need(team, requiredQualifications(caseFile), client.preferredLanguage(),
                previousCaseManager(caseFile, client), weight);
        Choice choice = CaseManagerChoice.choose(need, candidates(team));
        caseFiles.assign(caseFile.id(), team, choice.userId().orElse(null));
        timeline.add(caseFile.id(), currentUser.id(), "CASE_MANAGER_CHOSEN", null, choice.userId()
                .map(id -> "Case manager " + id + " (" + team + "): " + choice.reason())
                .orElse("No eligible case manager in " + team + ": " + choice.reason() + "; a supervisor assigns one"));
        return choice.userId();
    }

    /** A supervisor's choice: must be an available case manager of the case's team. */
    public Optional<String> problemWith(CaseFile caseFile, String userId) {
        Optional<Profile> profile = staff.find(userId);
        if (profile.isEmpty() || profile.get().role() != Role.CASE_MANAGER) {
            return Optional.of("is not a case manager");
        }
        if (caseFile.team() != null && !caseFile.team().equals(profile.get().team())) {
            return Optional.of("is not in " + caseFile.team());
        }
        if (!profile.get().available(CaseClock.now().toLocalDate())) {
            return Optional.of("is absent or inactive");
        }
        return Optional.empty();
    }

    public void assignBySupervisor(CaseFile caseFile, String userId, String supervisor) {
        caseFiles.assign(caseFile.id(), caseFile.team(), userId);
        timeline.add(caseFile.id(), supervisor, "CASE_MANAGER_CHOSEN", null,
                "Case manager " + userId + " assigned by the supervisor");
    }

    /**
     * The rules' choice for a case whose case manager must change (the current one excluded), or
     * empty with the reason.
     */
    public Choice chooseReplacement(CaseFile caseFile) {
        Client client = caseFiles.findClient(caseFile.clientId()).orElseThrow();
        int weight = "HIGH".equals(caseFile.riskLevel()) ? 3 : "MEDIUM".equals(caseFile.riskLevel()) ? 2 : 1;
        List<Candidate> others = candidates(caseFile.team()).stream()
                .filter(c -> !c.userId().equals(caseFile.caseManager())).toList();
        return CaseManagerChoice.choose(new Need(caseFile.team(), requiredQualifications(caseFile),
                client.preferredLanguage(), null, weight), others);
    }

    private static Map<String, Object> decisionInputs(CaseFile caseFile) {
        return Map.of("caseType", caseFile.caseType().name(), "priority", caseFile.priority().name(),
                "model", caseFile.model().name());
    }

    /** The qualifications the case needs (DMN required-qualifications). */
    private Set<String> requiredQualifications(CaseFile caseFile) {
        return currentUser.withoutEngineAuthorization(() -> decisions
                .evaluateDecisionTableByKey(QUALIFICATIONS_DECISION).variables(decisionInputs(caseFile)).evaluate()
                .collectEntries("qualification")).stream().map(Object::toString).collect(Collectors.toSet());
    }

    /** The team's supervisors, who get the team's supervisor tasks. */
    public List<String> supervisors(String team) {
        return staff.team(team).stream().filter(p -> p.role() == Role.SUPERVISOR)
                .filter(p -> p.available(CaseClock.now().toLocalDate())).map(Profile::userId).toList();
    }

    private List<Candidate> candidates(String team) {
        var today = CaseClock.now().toLocalDate();
        return staff.team(team).stream().filter(p -> p.role() == Role.CASE_MANAGER).map(p -> {
            StaffProfiles.Load load = staff.load(p.userId());
            return new Candidate(p.userId(), p.team(), p.qualifications(), p.languages(), p.available(today),
                    p.caseloadCap(), load.openCases(), load.weightedLoad(), load.lastAssigned());
        }).toList();
    }

    /** A returning client: the case manager of their latest earlier case (same name and birth date). */
    private String previousCaseManager(CaseFile caseFile, Client client) {
        return jdbc.sql("""
                SELECT f.case_manager FROM case_file f JOIN client c ON c.id = f.client_id
                WHERE c.first_name = ? AND c.last_name = ? AND c.date_of_birth = ? AND f.id <> ?
                  AND f.case_manager IS NOT NULL ORDER BY f.id DESC LIMIT 1""")
                .params(client.firstName(), client.lastName(), client.dateOfBirth(), caseFile.id())
                .query(String.class).optional().orElse(null);
    }
}
