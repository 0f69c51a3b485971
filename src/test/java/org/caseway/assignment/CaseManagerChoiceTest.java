package org.caseway.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.caseway.assignment.CaseManagerChoice.Candidate;
import org.caseway.assignment.CaseManagerChoice.Choice;
import org.caseway.assignment.CaseManagerChoice.Need;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The choice rules alone and in combination, ties, nobody eligible, and fairness over many intakes. */
class CaseManagerChoiceTest {

    private static final String TEAM = "team-health";

    private static Candidate cm(String id, int load) {
        return new Candidate(id, TEAM, Set.of("LICENSED_RN"), Set.of("en"), true, 20, load / 2, load, 0);
    }

    private static Need need() {
        return new Need(TEAM, Set.of(), null, null, 1);
    }

    @Test
    void lowestWeightedCaseloadWins() {
        Choice choice = CaseManagerChoice.choose(need(), List.of(cm("ann", 9), cm("bob", 4), cm("cy", 6)));
        assertThat(choice.userId()).contains("bob");
        assertThat(choice.reason()).contains("lowest weighted caseload").contains("4");
    }

    @Test
    void tiesGoToWhoWasAssignedLongestAgoThenByName() {
        Candidate ann = new Candidate("ann", TEAM, Set.of(), Set.of(), true, 20, 2, 4, 200);
        Candidate bob = new Candidate("bob", TEAM, Set.of(), Set.of(), true, 20, 2, 4, 100);
        Candidate cy = new Candidate("cy", TEAM, Set.of(), Set.of(), true, 20, 2, 4, 100);
        assertThat(CaseManagerChoice.choose(need(), List.of(ann, cy, bob)).userId()).contains("bob");
    }

    @Test
    void onlyTheTeamsQualifiedActiveCaseManagersUnderCapAreEligible() {
        Candidate otherTeam = new Candidate("ot", "team-youth", Set.of("LICENSED_RN"), Set.of(), true, 20, 0, 0, 0);
        Candidate unqualified = new Candidate("uq", TEAM, Set.of(), Set.of(), true, 20, 0, 0, 0);
        Candidate absent = new Candidate("ab", TEAM, Set.of("LICENSED_RN"), Set.of(), false, 20, 0, 0, 0);
        Candidate full = new Candidate("fu", TEAM, Set.of("LICENSED_RN"), Set.of(), true, 5, 5, 5, 0);
        Candidate ok = new Candidate("ok", TEAM, Set.of("LICENSED_RN"), Set.of(), true, 20, 10, 25, 0);
        Need rn = new Need(TEAM, Set.of("LICENSED_RN"), null, null, 2);

        assertThat(CaseManagerChoice.choose(rn, List.of(otherTeam, unqualified, absent, full, ok)).userId()).contains("ok");
    }

    @Test
    void nobodyEligibleExplainsWhy() {
        Need rn = new Need(TEAM, Set.of("LICENSED_RN"), null, null, 1);
        assertThat(CaseManagerChoice.choose(rn, List.of()).reason()).contains("has no case managers");
        assertThat(CaseManagerChoice.choose(rn, List.of(new Candidate("uq", TEAM, Set.of(), Set.of(), true, 9, 0, 0, 0))))
                .satisfies(c -> {
                    assertThat(c.userId()).isEmpty();
                    assertThat(c.reason()).contains("LICENSED_RN");
                });
        assertThat(CaseManagerChoice.choose(rn, List.of(new Candidate("ab", TEAM, Set.of("LICENSED_RN"), Set.of(), false,
                9, 0, 0, 0))).reason()).contains("absent");
        assertThat(CaseManagerChoice.choose(rn, List.of(new Candidate("fu", TEAM, Set.of("LICENSED_RN"), Set.of(), true,
                3, 3, 3, 0))).reason()).contains("cap");
    }

    @Test
    void continuityComesFirstWhenThePreviousCaseManagerIsEligible() {
        Need returning = new Need(TEAM, Set.of(), "es", "cy", 1);
        Candidate speaker = new Candidate("sp", TEAM, Set.of(), Set.of("es"), true, 20, 0, 0, 0);
        assertThat(CaseManagerChoice.choose(returning, List.of(speaker, cm("cy", 12))).reason()).contains("continuity");
        Candidate cyAbsent = new Candidate("cy", TEAM, Set.of(), Set.of(), false, 20, 0, 0, 0);
        assertThat(CaseManagerChoice.choose(returning, List.of(speaker, cyAbsent)).userId()).contains("sp");
    }

    @Test
    void languageMatchWinsWithinTheFairnessBound() {
        Need spanish = new Need(TEAM, Set.of(), "es", null, 1);
        Candidate speaker = new Candidate("sp", TEAM, Set.of(), Set.of("es"), true, 20, 2, 2, 0);
        assertThat(CaseManagerChoice.choose(spanish, List.of(cm("ann", 0), speaker)).reason()).startsWith("speaks es");
        Candidate overloaded = new Candidate("sp", TEAM, Set.of(), Set.of("es"), true, 20, 5, 9, 0);
        assertThat(CaseManagerChoice.choose(spanish, List.of(cm("ann", 0), overloaded)).userId()).contains("ann");
        assertThat(CaseManagerChoice.choose(new Need(TEAM, Set.of(), "fr", null, 1), List.of(cm("ann", 3), cm("bob", 1)))
                .userId()).as("nobody speaks French: the lowest load").contains("bob");
    }

    /** N random intakes (risk weights 1..3, languages, a few returning clients left out): fair and never over cap. */
    @RepeatedTest(20)
    void weightedLoadsStayWithinTheLargestWeightAndUnderCap() {
        Random random = new Random();
        List<String> team = List.of("a", "b", "c", "d", "e");
        Map<String, Integer> load = new HashMap<>();
        Map<String, Integer> cases = new HashMap<>();
        Map<String, Long> last = new HashMap<>();
        team.forEach(id -> {
            load.put(id, 0);
            cases.put(id, 0);
            last.put(id, 0L);
        });
        Map<String, Set<String>> languages = Map.of("a", Set.of("es"), "b", Set.of("en"), "c", Set.of("en", "pt"),
                "d", Set.of("vi"), "e", Set.of("en"));
        int cap = 30;
        int intakes = 1 + random.nextInt(team.size() * cap / 2);
        for (int i = 1; i <= intakes; i++) {
            int weight = 1 + random.nextInt(CaseManagerChoice.MAX_WEIGHT);
            String language = List.of("en", "es", "pt", "vi", "so").get(random.nextInt(5));
            List<Candidate> candidates = new ArrayList<>();
            for (String id : team) {
                candidates.add(new Candidate(id, TEAM, Set.of(), languages.get(id), true, cap, cases.get(id),
                        load.get(id), last.get(id)));
            }
            Choice choice = CaseManagerChoice.choose(new Need(TEAM, Set.of(), language, null, weight), candidates);
            String chosen = choice.userId().orElseThrow(() -> new AssertionError(choice.reason()));
            load.merge(chosen, weight, Integer::sum);
            cases.merge(chosen, 1, Integer::sum);
            last.put(chosen, (long) i);

            int spread = load.values().stream().mapToInt(x -> x).max().orElseThrow()
                    - load.values().stream().mapToInt(x -> x).min().orElseThrow();
            assertThat(spread).as("spread after %d intakes: %s", i, load).isLessThanOrEqualTo(CaseManagerChoice.MAX_WEIGHT);
            assertThat(cases.values()).allMatch(n -> n <= cap);
        }
    }
}
