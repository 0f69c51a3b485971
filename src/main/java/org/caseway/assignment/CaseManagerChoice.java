package org.caseway.assignment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules that choose a case's case manager, without any I/O so they can be tested alone:
 * eligible = in the team, qualified, active and under the caseload cap; then continuity (a
 * returning client's previous case manager), then language match, then the lowest weighted
 * caseload, ties broken by who was assigned longest ago, then by user id.
 */
public final class CaseManagerChoice {

    /** A case manager as the rules see them. */
    public record Candidate(String userId, String team, Set<String> qualifications, Set<String> languages,
                            boolean available, int caseloadCap, int openCases, int weightedLoad,
                            long lastAssignedAt) {
    }

    /** What the case needs. */
    public record Need(String team, Set<String> requiredQualifications, String preferredLanguage,
                       String previousCaseManager, int weight) {
    }

    /** The chosen case manager (empty when nobody is eligible) and why, for the case timeline. */
    public record Choice(Optional<String> userId, String reason) {
    }

    /** The largest weight one case adds (a HIGH-risk case): the fairness bound of a team's loads. */
    public static final int MAX_WEIGHT = 3;

    private CaseManagerChoice() {
    }

    public static Choice choose(Need need, List<Candidate> candidates) {
        List<Candidate> inTeam = candidates.stream().filter(c -> c.team().equals(need.team())).toList();
        if (inTeam.isEmpty()) {
            return new Choice(Optional.empty(), "team " + need.team() + " has no case managers");
        }
        List<Candidate> qualified = inTeam.stream()
                .filter(c -> c.qualifications().containsAll(need.requiredQualifications())).toList();
        if (qualified.isEmpty()) {
            return new Choice(Optional.empty(), "nobody in " + need.team() + " holds " + need.requiredQualifications());
        }
        List<Candidate> available = qualified.stream().filter(Candidate::available).toList();
        if (available.isEmpty()) {
            return new Choice(Optional.empty(), "every qualified case manager in " + need.team() + " is absent or inactive");
        }
        List<Candidate> eligible = available.stream().filter(c -> c.openCases() < c.caseloadCap()).toList();
        if (eligible.isEmpty()) {
            return new Choice(Optional.empty(), "every qualified case manager in " + need.team() + " is at their caseload cap");
        }
        if (need.previousCaseManager() != null) {
            Optional<Candidate> previous = eligible.stream()
                    .filter(c -> c.userId().equals(need.previousCaseManager())).findFirst();
            if (previous.isPresent()) {
                return new Choice(Optional.of(previous.get().userId()),
                        "continuity: the returning client's previous case manager");
            }
        }
        List<Candidate> pool = eligible;
        String languageReason = "";
        int lowest = eligible.stream().mapToInt(Candidate::weightedLoad).min().orElseThrow();
        if (need.preferredLanguage() != null) {
            // a speaker is preferred as long as the team's loads stay within one case's largest weight
            List<Candidate> speakers = eligible.stream()
                    .filter(c -> c.languages().contains(need.preferredLanguage()))
                    .filter(c -> c.weightedLoad() + need.weight() <= lowest + MAX_WEIGHT).toList();
            if (!speakers.isEmpty()) {
                pool = speakers;
                languageReason = "speaks " + need.preferredLanguage() + ", ";
            }
        }
        Candidate chosen = pool.stream().min(Comparator.comparingInt(Candidate::weightedLoad)
                .thenComparingLong(Candidate::lastAssignedAt)
                .thenComparing(Candidate::userId)).orElseThrow();
        return new Choice(Optional.of(chosen.userId()), languageReason + "lowest weighted caseload in "
                + need.team() + " (" + chosen.weightedLoad() + ", cap " + chosen.caseloadCap() + " cases)");
    }

}
