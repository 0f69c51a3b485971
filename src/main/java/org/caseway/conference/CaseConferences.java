package org.caseway.conference;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.caseway.casefile.CaseEvents;
import org.caseway.casefile.CaseEvents.Conference;
import org.caseway.casefile.CaseAccess;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.Timeline;
import org.caseway.process.CaseMessages;
import org.caseway.process.CaseProcess;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Case conferences: requested with named participants, or called by the flow (a crisis outcome, or
 * high risk without progress), in which case the case team (everyone who has worked the case) meets.
 * The case-conference model reads its participants from ${caseConferences.participants(conferenceId)}.
 */
@Service("caseConferences")
public class CaseConferences {

    static final int MAX_PARTICIPANTS = 10;

    private final CaseEvents events;
    private final Timeline timeline;
    private final CaseMessages messages;
    private final CurrentUser currentUser;
    private final IdentityService identityService;
    private final CaseAccess access;

    CaseConferences(CaseAccess access, CaseEvents events, Timeline timeline, CaseMessages messages,
                    CurrentUser currentUser, IdentityService identityService) {
        this.access = access;
        this.events = events;
        this.timeline = timeline;
        this.messages = messages;
        this.currentUser = currentUser;
        this.identityService = identityService;
    }

    /** The participants' user ids, each of whom gets a conferenceInput task. */
    public List<String> participants(String conferenceId) {
        return events.conference(Long.parseLong(conferenceId)).map(Conference::participants)
                .orElseThrow(() -> new IllegalStateException("No conference " + conferenceId));
    }

    /**
     * @throws UnknownParticipantsException naming each participant who is not a Caseway user
     */
    @Transactional
    public long request(String caseNumber, List<String> participants, String reason) {
        CaseFile caseFile = access.caseFor(caseNumber);
        List<String> unique = List.copyOf(new LinkedHashSet<>(participants));
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < participants.size(); i++) {
            String id = participants.get(i);
            boolean exists = currentUser.withoutEngineAuthorization(() ->
                    identityService.createUserQuery().userId(id).count() == 1);
            if (!exists) {
                unknown.add(i);
            }
        }
        if (!unknown.isEmpty()) {
            throw new UnknownParticipantsException(unknown);
        }
        long conferenceId = events.callConference(caseFile.id(), reason, unique, currentUser.id());
        timeline.add(caseFile.id(), currentUser.id(), "CONFERENCE_REQUESTED", null,
                "Case conference " + conferenceId + " requested with " + unique.size() + " participant(s)");
        messages.send(caseFile, CaseProcess.MESSAGE_CONFERENCE_REQUESTED,
                Map.of(Variables.CONFERENCE_ID.name(), String.valueOf(conferenceId)),
                "the case does not accept a conference request now");
        return conferenceId;
    }

    /** Participants that are not users: answered with 400 naming participants[i]. */
    public static class UnknownParticipantsException extends RuntimeException {
        private final List<Integer> indexes;

        UnknownParticipantsException(List<Integer> indexes) {
            super("Unknown participants");
            this.indexes = List.copyOf(indexes);
        }

        public List<Integer> indexes() {
            return indexes;
        }
    }

    /** Start of a case-conference flow called by the model (no conferenceId yet): the case team meets. */
    @Component("conferenceOpenedListener")
    static class ConferenceOpenedListener implements ExecutionListener {

        private final CaseFiles caseFiles;
        private final CaseEvents events;
        private final Timeline timeline;
        private final CurrentUser currentUser;

        ConferenceOpenedListener(CaseFiles caseFiles, CaseEvents events, Timeline timeline, CurrentUser currentUser) {
            this.caseFiles = caseFiles;
            this.events = events;
            this.timeline = timeline;
            this.currentUser = currentUser;
        }

        @Override
        public void notify(DelegateExecution execution) {
            if (Variables.CONFERENCE_ID.from(execution) != null) {
                return;
            }
            CaseFile caseFile = caseFiles.getByNumber(execution.getProcessBusinessKey());
            Set<String> team = new LinkedHashSet<>(events.caseTeam(caseFile.id(), MAX_PARTICIPANTS));
            if (team.isEmpty()) {
                team.add(caseFile.openedBy());
            }
            long conferenceId = events.callConference(caseFile.id(),
                    "Called by the case's flow (crisis outcome, or high risk without progress)", List.copyOf(team),
                    currentUser.id());
            timeline.add(caseFile.id(), currentUser.id(), "CONFERENCE_CALLED", null,
                    "Case conference " + conferenceId + " called with the case team (" + team.size() + ")");
            Variables.CONFERENCE_ID.set(execution, String.valueOf(conferenceId));
        }
    }
}
