package org.caseway.bench;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.caseway.casefile.CaseType;
import org.caseway.casefile.Priority;
import org.caseway.intake.CaseOpening;
import org.caseway.intake.NewCase;
import org.caseway.process.CaseProcess;
import org.springframework.context.ApplicationContext;

/**
 * Walks a case through its whole lifecycle the way its people do, in the Caseway JVM: mary opens it (Caseway's
 * case opening, as POST /api/cases does), every task is completed by its assignee with the values a case manager
 * enters (TaskService.complete with the user's authentication, as /engine-rest/task/{id}/complete does, so the
 * engine's authorization checks run), and the two waits of the path (next contact, post-closure check) fire as
 * the job executor fires them. HTTP and password checks are left out: they cost the same with or without tuning.
 *
 * <p>The path is the clinical model's: intake, needs assessment, service plan, plan approval, service delivery,
 * one follow-up contact proposing closure, closure summary, closure approval and the post-closure check.
 */
final class CaseWalker {

    private static final AtomicLong CLIENTS = new AtomicLong();

    private final CaseOpening opening;
    private final TaskService tasks;
    private final IdentityService identity;
    private final ManagementService management;
    private final RuntimeService runtime;
    private final StatementCounter counter;
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

    CaseWalker(ApplicationContext context, StatementCounter counter) {
        this.opening = context.getBean(CaseOpening.class);
        this.tasks = context.getBean(TaskService.class);
        this.identity = context.getBean(IdentityService.class);
        this.management = context.getBean(ManagementService.class);
        this.runtime = context.getBean(RuntimeService.class);
        this.counter = counter;
    }

    /** Opens a case as mary (intake and case manager); returns the case number. */
    String open() {
        long n = CLIENTS.incrementAndGet();
        NewCase request = new NewCase("Client" + n, "Bench", LocalDate.of(1980, 1, 1).plusDays(n % 9000), "en",
                "+1 555 0100", null, CaseType.MENTAL_HEALTH, null, "Benchmark referral", "Low mood, rent arrears",
                Priority.ROUTINE);
        counter.stage("open");
        try {
            return as("mary", () -> opening.open(request).caseNumber());
        } finally {
            counter.end();
        }
    }

    /** The whole lifecycle of a case opened by {@link #open()}, to its end. */
    void walk(String caseNumber) {
        String today = LocalDate.now().toString();
        String future = LocalDate.now().plusYears(1).toString();
        complete(caseNumber, "intake", values("intakeOutcome", "ACCEPTED", "consentToServices", true));
        complete(caseNumber, "needsAssessment", values("needHealth", "NO_NEED", "needMentalHealth", "NEED",
                "needHousing", "NO_NEED", "needIncome", "NO_NEED", "needLegal", "NO_NEED", "needFamilySocial", "NEED",
                "needSubstanceUse", "NO_NEED", "riskLevel", "MEDIUM", "riskReason", "Isolated"));
        complete(caseNumber, "servicePlan", values("goal1", "Weekly social contact", "goal1TargetDate", future,
                "service1Type", "COUNSELLING", "service1Provider", "Northside Clinic", "service1TargetDate", future,
                "service1Goal", "1", "clientAgreesToPlan", true));
        complete(caseNumber, "approveServicePlan", values("planDecision", "APPROVED"));
        complete(caseNumber, "deliverService", values("deliveredOn", today, "durationMinutes", 60,
                "deliveryOutcome", "COMPLETED"));
        fire(caseNumber, "timer_nextContactDue");
        complete(caseNumber, "followUpContact", values("contactDate", today, "contactMode", "HOME_VISIT",
                "clientReached", "YES", "goal1Progress", "MET", "nextStep", "PROPOSE_CLOSURE"));
        complete(caseNumber, "closureSummary", values("closureReason", "GOALS_MET", "goal1Outcome", "MET"));
        complete(caseNumber, "approveClosure", values("closureDecision", "APPROVED"));
        fire(caseNumber, "timer_postClosureCheckDue");
        complete(caseNumber, "postClosureCheck", values("checkDate", today, "clientContacted", "YES",
                "clientStatus", "STABLE"));
        if (runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber).count() != 0) {
            throw new IllegalStateException("Case " + caseNumber + " did not end");
        }
    }

    /** Tasks a case walk completes (for tasks per second). */
    static final int TASKS_PER_CASE = 9;

    private void complete(String caseNumber, String taskKey, Map<String, Object> values) {
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(caseNumber).taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw new IllegalStateException("No " + taskKey + " task in case " + caseNumber);
        }
        // a task of a group queue (intake) is claimed by mary first, as in Tasklist; the claim counts to the step
        String user = task.getAssignee() != null ? task.getAssignee() : "mary";
        counter.stage(taskKey);
        try {
            as(user, () -> {
                if (task.getAssignee() == null) {
                    tasks.claim(task.getId(), user);
                }
                tasks.complete(task.getId(), values);
                return null;
            });
        } finally {
            counter.end();
        }
    }

    private void fire(String caseNumber, String timerActivity) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseNumber)
                .processDefinitionKey(CaseProcess.KEY).singleResult();
        Job timer = management.createJobQuery().processInstanceId(instance.getId()).timers().activityId(timerActivity)
                .singleResult();
        if (timer == null) {
            throw new IllegalStateException("No " + timerActivity + " timer in case " + caseNumber);
        }
        counter.stage("timer " + timerActivity);
        try {
            management.executeJob(timer.getId());
        } finally {
            counter.end();
        }
    }

    private <T> T as(String user, Supplier<T> work) {
        List<String> memberOf = groups.computeIfAbsent(user, u -> identity.createGroupQuery().groupMember(u).list()
                .stream().map(Group::getId).toList());
        identity.setAuthentication(user, memberOf);
        try {
            return work.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
