package org.caseway.casefile;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.caseway.casefile.ServicePlans.Plan;
import org.caseway.system.CurrentUser;
import org.caseway.system.Roles;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads cases for the API: every read of a client record is checked and logged to the reader. */
@Service
public class CaseQueries {

    public record ClientView(String firstName, String lastName, LocalDate dateOfBirth, String preferredLanguage,
                             String phone, String email) {
    }

    public record ConsentView(Boolean toServices, Boolean toShare, String shareWith, LocalDate expiresOn) {
    }

    public record OpenTask(String id, String taskKey, String name, String assignee, OffsetDateTime created,
                           OffsetDateTime due, String processInstanceId) {
    }

    public record CaseDetails(String caseNumber, String caseType, String model, String priority, String status,
                              String team, String caseManager, String stage, List<String> currentStages, List<String> waitingAt, String riskLevel,
                              boolean urgentRisk, String referralSource, String presentingNeeds, ConsentView consent,
                              String closureReason, String referredTo, String processInstanceId,
                              OffsetDateTime openedAt, String openedBy, OffsetDateTime closedAt, ClientView client,
                              List<OpenTask> openTasks, Plan plan, List<Timeline.Entry> timeline) {
    }

    public record CaseSummary(String caseNumber, String caseType, String model, String priority, String status,
                              String stage, String riskLevel, OffsetDateTime openedAt, OffsetDateTime closedAt) {
    }

    public record CasePage(List<CaseSummary> items, long total, int page, int size) {
    }

    private final CaseFiles caseFiles;
    private final ServicePlans plans;
    private final Timeline timeline;
    private final CaseRecords records;
    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final CurrentUser currentUser;
    private final CaseAccess access;

    CaseQueries(CaseAccess access, CaseFiles caseFiles, ServicePlans plans, Timeline timeline, CaseRecords records,
                TaskService taskService, RuntimeService runtimeService, CurrentUser currentUser) {
        this.caseFiles = caseFiles;
        this.plans = plans;
        this.timeline = timeline;
        this.records = records;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
        this.currentUser = currentUser;
        this.access = access;
    }

    @Transactional
    public CaseDetails details(String caseNumber) {
        CaseFile c = access.caseFor(caseNumber);
        records.logAccess(c.id(), currentUser.id(), "READ_CASE");
        Client client = caseFiles.findClient(c.clientId()).orElseThrow();
        List<Task> tasks = currentUser.withoutEngineAuthorization(() ->
                taskService.createTaskQuery().processInstanceBusinessKey(caseNumber).orderByTaskCreateTime().asc().list());
        List<String> waitingAt = currentUser.withoutEngineAuthorization(() ->
                runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).list().stream()
                        .map(ProcessInstance::getId)
                        .flatMap(id -> runtimeService.getActiveActivityIds(id).stream())
                        .filter(id -> !id.contains("#multiInstanceBody"))
                        .distinct().sorted().toList());
        List<String> currentStages = tasks.stream().map(t -> CaseStage.ofTask(t.getTaskDefinitionKey()))
                .filter(Objects::nonNull).map(Enum::name).distinct().toList();
        return new CaseDetails(c.caseNumber(), c.caseType().name(), c.model().name(), c.priority().name(),
                c.status().name(), c.team(), c.caseManager(), c.stage().name(), currentStages, waitingAt, c.riskLevel(), c.urgentRisk(),
                c.referralSource(), c.presentingNeeds(),
                new ConsentView(c.consentToServices(), c.consentToShare(), c.consentShareWith(), c.consentExpiresOn()),
                c.closureReason(), c.referredTo(), c.processInstanceId(), c.openedAt(), c.openedBy(), c.closedAt(),
                new ClientView(client.firstName(), client.lastName(), client.dateOfBirth(), client.preferredLanguage(),
                        client.phone(), client.email()),
                tasks.stream().map(t -> new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getAssignee(),
                        time(t.getCreateTime()), time(t.getDueDate()), t.getProcessInstanceId())).toList(),
                plans.latest(c.id()).orElse(null),
                timeline.of(c.id()));
    }

    public CasePage page(CaseStage stage, CaseType caseType, int page, int size) {
        currentUser.requireAnyRole(Roles.CASE_WORKERS);
        List<String> teams = currentUser.hasAnyRole(List.of(Roles.ADMIN)) ? null : currentUser.groups();
        List<CaseSummary> items = caseFiles.page(stage, caseType, teams, page, size).stream()
                .map(c -> new CaseSummary(c.caseNumber(), c.caseType().name(), c.model().name(), c.priority().name(),
                        c.status().name(), c.stage().name(), c.riskLevel(), c.openedAt(), c.closedAt()))
                .toList();
        return new CasePage(items, caseFiles.count(stage, caseType, teams), page, size);
    }

    private static OffsetDateTime time(Date date) {
        return date == null ? null : date.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
}
