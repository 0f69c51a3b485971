package org.caseway.casefile.stage;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.caseway.casefile.CaseFile;
import org.caseway.casefile.CaseFiles;
import org.caseway.casefile.CaseStage;
import org.caseway.casefile.Timeline;
import org.caseway.casefile.Client;
import org.caseway.planning.PlanSummaries;
import org.caseway.process.CaseProcess.Variables;
import org.caseway.system.CurrentUser;
import org.springframework.stereotype.Component;

/** On creation of a lifecycle task: moves the case to the task's stage and prepares the form. */
@Component("openStageListener")
class OpenStageListener implements TaskListener {

    private final StageRecorders recorders;
    private final CaseFiles caseFiles;
    private final Timeline timeline;
    private final CurrentUser currentUser;

    OpenStageListener(StageRecorders recorders, CaseFiles caseFiles, Timeline timeline, CurrentUser currentUser) {
        this.recorders = recorders;
        this.caseFiles = caseFiles;
        this.timeline = timeline;
        this.currentUser = currentUser;
    }

    @Override
    public void notify(DelegateTask task) {
        CaseFile caseFile = recorders.caseOf(task);
        CaseStage stage = CaseStage.ofTask(task.getTaskDefinitionKey());
        if (stage != null && stage != caseFile.stage()) {
            caseFiles.updateStage(caseFile.id(), stage);
        }
        timeline.add(caseFile.id(), currentUser.id(), "TASK_CREATED", task.getTaskDefinitionKey(),
                task.getName() + " is waiting");
        assignToCaseTeam(task, caseFile);
        showOnTasklistCard(task, caseFile);
        // an escalation is about a late task, not the client: whoever handles it sees no client data
        if (!org.caseway.process.CaseProcess.Tasks.ESCALATION.equals(task.getTaskDefinitionKey())) {
            Variables.CASE_SUMMARY.setLocal(task, caseSummary(caseFile));
        }
        recorders.of(task.getTaskDefinitionKey())
                .ifPresent(recorder -> recorder.prepare(task, new StageContext(task, caseFile, currentUser.id())));
    }

    /**
     * What the task's Tasklist card shows (the filters' "variables": case number, type and priority), as the
     * task's own values: whoever may see the task sees its card, without a grant on the case's process
     * instances, which case managers and intake workers do not have (a grant on all of them would show every
     * team's cases). Task-local, so gone when the task ends and not written to the engine's history
     * ({@code RoutingOnlyVariableHistory}); the process keeps its own routing copy.
     */
    private static void showOnTasklistCard(DelegateTask task, CaseFile caseFile) {
        Variables.CASE_NUMBER.setLocal(task, caseFile.caseNumber());
        Variables.CASE_TYPE.setLocal(task, caseFile.caseType().name());
        Variables.PRIORITY.setLocal(task, caseFile.priority().name());
    }

    /**
     * The case's case manager works its team tasks; a team's only supervisor gets its supervisor
     * tasks (candidates come from the models' ${caseTeam...} expressions). Tasks with their own
     * assignee (conference input) keep it.
     */
    private void assignToCaseTeam(DelegateTask task, CaseFile caseFile) {
        if (task.getAssignee() != null || caseFile.team() == null) {
            return;
        }
        java.util.Set<String> groups = task.getCandidates().stream().map(l -> l.getGroupId())
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        boolean teamTask = groups.contains(caseFile.team()) || groups.contains(org.caseway.system.Roles.CASE_MANAGERS);
        if (teamTask && caseFile.caseManager() != null) {
            task.setAssignee(caseFile.caseManager());
        } else if (groups.isEmpty()) {
            // a supervisor task whose candidates are the team's supervisors: a single one takes it
            java.util.List<String> users = task.getCandidates().stream().map(l -> l.getUserId())
                    .filter(java.util.Objects::nonNull).toList();
            if (users.size() == 1) {
                task.setAssignee(users.get(0));
            }
        }
    }

    /**
     * Who the case is about and what is known, for the form of whoever works the task. A task-local
     * display value: gone when the task ends, and never written to the engine's history.
     */
    private String caseSummary(CaseFile c) {
        Client client = caseFiles.findClient(c.clientId()).orElseThrow();
        StringBuilder md = new StringBuilder("**Client:** ").append(Markdown.text(client.firstName())).append(' ')
                .append(Markdown.text(client.lastName())).append(", born ").append(client.dateOfBirth());
        if (client.preferredLanguage() != null) {
            md.append(", language ").append(Markdown.text(client.preferredLanguage()));
        }
        if (client.phone() != null) {
            md.append(", phone ").append(Markdown.text(client.phone()));
        }
        md.append("\n\n**Referral:** ").append(Markdown.text(c.referralSource())).append(" — ")
                .append(Markdown.text(c.presentingNeeds()));
        md.append("\n\n**Case:** ").append(PlanSummaries.label(c.caseType().name())).append(", ")
                .append(PlanSummaries.label(c.model().name())).append(" model, ")
                .append(PlanSummaries.label(c.priority().name())).append(" priority");
        if (c.riskLevel() != null) {
            md.append(", risk **").append(c.riskLevel()).append("**");
        }
        if (c.urgentRisk()) {
            md.append(", **urgent risk flagged at intake**");
        }
        if (c.consentToServices() != null) {
            md.append("\n\n**Consent:** to services ").append(c.consentToServices() ? "yes" : "no")
                    .append(", to share information ").append(Boolean.TRUE.equals(c.consentToShare())
                            ? "with " + Markdown.text(c.consentShareWith())
                                    + (c.consentExpiresOn() == null ? "" : " until " + c.consentExpiresOn())
                            : "no");
        }
        return md.toString();
    }
}
