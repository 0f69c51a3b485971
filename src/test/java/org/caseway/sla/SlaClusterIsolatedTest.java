package org.caseway.sla;

import static org.caseway.support.ChildJvm.classPath;
import static org.caseway.support.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.caseway.support.FastIntakePolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * Issue 5: two engines on one PostgreSQL database produce exactly one escalation per breached task.
 *
 * <p>Two Caseway nodes run as separate JVMs (two engines named "default" in one JVM clash in the engine
 * registry the REST API looks engines up in) on a fresh PostgreSQL database, with the postgres and demo
 * profiles and their job executors on. Node A starts first and creates the schema (Flyway and the engine's
 * schema update); node B starts on the existing schema only once A is ready: concurrent first-time schema
 * creation is issue 7, not this test.
 *
 * <p>Deadlines pass in seconds without touching any clock: node A deploys, through /engine-rest, a copy of
 * sla-policy.dmn with a first rule that reminds an intake task after 1 s and makes it due after 2 s, around
 * the clock (the second escalation is an hour later and does not fire). Intake tasks created afterwards follow
 * that version, which is the product's contract for a redeployed policy. Cases are opened alternately through
 * both nodes, so both job executors race for the timer jobs. The assertions are on the database: one level-1
 * breach, one sla-escalation instance, one escalation task and at most one reminder per intake task (a reminder
 * that runs after its deadline is skipped by design), and both nodes
 * doing some of the work. The delays from deadline to breach are measured and printed, never asserted.
 *
 * <p>First, one case is worked through both nodes: opened on A, its intake completed on B, its needs assessment
 * on A, and each node shows the stage and timeline the other recorded.
 *
 * <p>The last test kills node B in the middle of a burst of deadlines: the jobs it had locked are taken
 * over by node A once their locks expire (a short lock time, {@value #LOCK_TIME_MS} ms, keeps that quick),
 * and still every deadline is escalated exactly once. The tests share the two nodes and run in order.
 *
 * <p>Runs against the machine's PostgreSQL at 127.0.0.1:5432; skipped where none answers, unless
 * CASEWAY_REQUIRE_POSTGRES=true. The nodes' logs are in target/sla-cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlaClusterIsolatedTest {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String DATABASE = "caseway_t_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private static final int LOCK_TIME_MS = 10_000;

    /**
     * The nodes' job executors, tuned for timers that fire close to their due date: with the engine's defaults an
     * idle job executor polls after 5 s, doubling up to 60 s (max-wait), and only the node that creates a timer
     * due within the wait time is woken for it. Acquisition by due date takes the most overdue jobs first when
     * there is a backlog. The short lock time lets node A take over the jobs of the killed node B quickly; it
     * must stay longer than any job runs. Everything else is the engine's default.
     */
    private static final Map<String, String> JOB_EXECUTOR = jobExecutorSettings();

    private static Map<String, String> jobExecutorSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camunda.bpm.job-execution.enabled", "true");
        settings.put("camunda.bpm.job-execution.wait-time-in-millis", "500");
        settings.put("camunda.bpm.job-execution.max-wait", "1000");
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", Integer.toString(LOCK_TIME_MS));
        settings.put("camunda.bpm.generic-properties.properties.job-executor-acquire-by-due-date", "true");
        return settings;
    }

    private record Node(String name, int port, Process process, RestClient api, Path log) {
        boolean alive() {
            return process.isAlive();
        }
    }

    /** Every node process started, stopped in {@link #stopNodesAndDropDatabase()} whatever happened. */
    private static final List<Process> PROCESSES = new ArrayList<>();
    private static Path dataDir;
    private static Node nodeA;
    private static Node nodeB;
    private static JdbcClient db;
    /** A real SMTP server in this JVM that both nodes send their e-mails to. */
    private static GreenMail smtp;
    private static int fastPolicyVersion;
    private static int clientNumber;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        createDatabase();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        db = JdbcClient.create(new DriverManagerDataSource(SERVER + DATABASE, "postgres", ""));
        dataDir = Files.createTempDirectory("caseway-cluster");
        // one after the other: the first node creates the schema, the second starts on it (issue 7 is about both at once)
        nodeA = start("node-a");
        nodeB = start("node-b");
        fastPolicyVersion = deployFastIntakePolicy();
        System.out.printf("%nSLA cluster test on database %s; job executor of both nodes: %s%n", DATABASE, JOB_EXECUTOR);
    }

    @AfterAll
    static void stopNodesAndDropDatabase() throws InterruptedException {
        for (Process process : PROCESSES) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (smtp != null) {
            smtp.stop();
        }
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException e) {
            // the database stays for inspection; it has a unique name
        }
    }

    /** Issue 7: one case, worked step by step through both nodes; each node sees what the other recorded. */
    @Test
    @Order(0)
    void aCaseOpenedOnOneNodeIsWorkedOnTheOther() {
        String caseNumber = openCases(1, nodeA).get(0);
        // the intake follows the fast policy: its reminder and deadline jobs fire within 2 s, and a completion at
        // the same moment fails on the job's row (409, try again; see the closing note of issue 7); once it is
        // escalated, its next timer is an hour away
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> breachedIntakes(List.of(caseNumber)) == 1);
        nodeB.api().complete("mary", caseNumber, "intake", Map.of("intakeOutcome", "ACCEPTED", "consentToServices", true));
        assertThat(nodeA.api().caseDetails("mary", caseNumber).get("stage").asText()).as("stage seen on node A")
                .isEqualTo("NEEDS_ASSESSMENT");
        Map<String, Object> assessment = new LinkedHashMap<>();
        for (String need : List.of("needHealth", "needHousing", "needIncome", "needLegal", "needFamilySocial",
                "needSubstanceUse")) {
            assessment.put(need, "NO_NEED");
        }
        assessment.put("needMentalHealth", "NEED");
        assessment.put("riskLevel", "MEDIUM");
        assessment.put("riskReason", "Isolated");
        nodeA.api().complete("mary", caseNumber, "needsAssessment", assessment);
        JsonNode onB = nodeB.api().caseDetails("mary", caseNumber);
        assertThat(onB.get("stage").asText()).as("stage seen on node B").isEqualTo("SERVICE_PLANNING");
        assertThat(onB.get("riskLevel").asText()).isEqualTo("MEDIUM");
        List<String> events = new ArrayList<>();
        onB.get("timeline").forEach(e -> events.add(e.get("eventType").asText() + ":" + e.path("taskKey").asText("")));
        assertThat(events).as("timeline on node B").contains("CASE_OPENED:", "TASK_COMPLETED:intake",
                "TASK_COMPLETED:needsAssessment");
    }

    @Test
    @Order(1)
    void twoNodesEscalateEveryMissedDeadlineExactlyOnce() {
        List<String> cases = openCases(40, nodeA, nodeB);

        awaitEveryIntakeBreached(cases, Duration.ofSeconds(90));

        Map<String, Long> deadlinesByNode = verifyExactlyOnce("two nodes", cases);
        assertThat(deadlinesByNode.getOrDefault("node-a", 0L)).as("deadline jobs run by node A").isPositive();
        assertThat(deadlinesByNode.getOrDefault("node-b", 0L)).as("deadline jobs run by node B").isPositive();
        verifyOneEscalationMailPerSupervisorAndCase(cases);
    }

    /**
     * By e-mail too, once: before routing a case has no team, so an intake deadline goes to every
     * supervisor; each gets exactly one escalation e-mail per case, whichever node escalated it.
     */
    private static void verifyOneEscalationMailPerSupervisorAndCase(List<String> cases) {
        List<String> supervisors = List.of("demo", "sam", "paula", "hana");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> db.sql("""
                SELECT COUNT(*) FROM notification_outbox WHERE case_number IN (:cases) AND channel = 'EMAIL'
                AND status NOT IN ('SENT', 'SKIPPED')""").param("cases", cases).query(Long.class).single() == 0);
        Map<String, Long> mails = new TreeMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                String subject = message.getSubject();
                if (subject == null || !subject.contains("is overdue")) {
                    continue;
                }
                for (String caseNumber : cases) {
                    if (subject.contains(caseNumber + ":")) {
                        for (Address to : message.getAllRecipients()) {
                            mails.merge(to.toString() + " " + caseNumber, 1L, Long::sum);
                        }
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new AssertionError(e);
            }
        }
        for (String caseNumber : cases) {
            for (String supervisor : supervisors) {
                String address = db.sql("SELECT EMAIL_ FROM ACT_ID_USER WHERE ID_ = ?").param(supervisor)
                        .query(String.class).single();
                assertThat(mails.get(address + " " + caseNumber))
                        .as("escalation e-mails to %s about %s", supervisor, caseNumber).isEqualTo(1L);
            }
        }
        assertThat(mails.values().stream().mapToLong(Long::longValue).sum()).isEqualTo((long) cases.size() * supervisors.size());
        System.out.printf("E-mail: %d escalation e-mails, one per supervisor and case%n", cases.size() * supervisors.size());
    }

    /**
     * Node B is killed (no shutdown) while deadlines are falling due and, if it can be caught doing so, while
     * it holds job locks: those jobs are orphaned until their lock expires, then node A runs them. Node A
     * must finish everything, each deadline escalated once, also the cases opened after B died.
     */
    @Test
    @Order(2)
    void whenOneNodeDiesTheOtherEscalatesTheRestExactlyOnce() throws InterruptedException {
        Assumptions.assumeTrue(nodeB.alive(), "node B is still running");
        List<String> before = openCases(24, nodeA, nodeB);

        // B's lock owner is learnt from jobs it locked and then ran (the job log names the host). Once a third of
        // these deadlines are escalated, B is frozen (SIGSTOP) for a look at the locks: if it holds one, it is killed
        // in that state, a crash in the middle of its work; if not, it carries on and we look again. At the latest it
        // is killed when all these deadlines are escalated.
        Map<String, String> ownerOfJob = new HashMap<>();
        String[] ownerOfB = new String[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            lockedJobs().forEach((job, lock) -> ownerOfJob.put(job, lock.owner()));
            if (ownerOfB[0] == null) {
                ownerOfB[0] = lockOwnerOf("node-b", ownerOfJob);
            }
            long breached = breachedIntakes(before);
            if (breached == before.size()) {
                return true;
            }
            if (breached < before.size() / 3 || ownerOfB[0] == null) {
                return false;
            }
            signal(nodeB, "STOP");
            if (lockedJobs().values().stream().anyMatch(lock -> lock.owner().equals(ownerOfB[0]))) {
                return true;
            }
            signal(nodeB, "CONT");
            return false;
        });
        nodeB.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Instant killedAt = Instant.now();
        long breachedAtKill = breachedIntakes(before);
        String lockOwnerOfB = ownerOfB[0];
        Map<String, Lock> orphaned = new HashMap<>(lockedJobs());
        orphaned.values().removeIf(lock -> !lock.owner().equals(lockOwnerOfB));

        List<String> after = openCases(16, nodeA);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        awaitEveryIntakeBreached(all, Duration.ofSeconds(90));

        System.out.printf("%nNode B killed after %d of %d deadlines were escalated; jobs node B had locked and not finished"
                        + " (orphaned until their lock expired): %s%n", breachedAtKill, before.size(),
                lockOwnerOfB == null ? "unknown (node B was never seen holding a lock)" : orphaned.size());
        Map<String, Long> deadlinesByNode = verifyExactlyOnce("node B killed", all);
        assertThat(deadlinesByNode.keySet()).as("nodes that ran deadline jobs").isSubsetOf("node-a", "node-b");
        assertThat(db.sql("""
                SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND HOSTNAME_ <> 'node-a' AND TIMESTAMP_ > :killed""")
                .param("killed", Timestamp.from(killedAt)).query(Long.class).single())
                .as("jobs completed by another node after node B died").isZero();
        orphaned.forEach((job, lock) -> {
            List<Map<String, Object>> runs = db.sql("""
                    SELECT HOSTNAME_ AS host, TIMESTAMP_ AS at FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = :job AND JOB_STATE_ = 2""")
                    .param("job", job).query().listOfRows();
            assertThat(runs).as("successful runs of job %s, orphaned by node B", job).hasSize(1);
            assertThat(runs.get(0).get("host")).as("who ran orphaned job %s", job).isEqualTo("node-a");
            assertThat(((Timestamp) runs.get(0).get("at")).toInstant()).as("job %s ran again after B's lock expired", job)
                    .isAfterOrEqualTo(lock.expires());
        });
        // whether the takeover after a lock expires was exercised depends on timing (on a loaded machine node B
        // may hold no lock at the moment it is killed): reported, not asserted; everything above holds either way
        if (orphaned.isEmpty()) {
            System.out.println("Node B held no job lock when it was killed: the lock-expiry takeover was not exercised this run");
        }
    }

    // --- the checks -------------------------------------------------------------------------------------------

    /**
     * Asserts on the database that every intake task of these cases had exactly one level-1 breach, one
     * sla-escalation instance, one escalation task and at most one reminder; prints the delays and the job log.
     *
     * @return the number of successful deadline-job runs per node (the job log's host name)
     */
    private static Map<String, Long> verifyExactlyOnce(String run, List<String> cases) {
        List<Map<String, Object>> clocks = db.sql("""
                SELECT c.task_id, c.policy_version, EXTRACT(EPOCH FROM c.due_at - c.created_at) AS due_after
                FROM sla_clock c JOIN case_file f ON f.id = c.case_id
                WHERE f.case_number IN (:cases) AND c.task_key = 'intake'""").param("cases", cases).query().listOfRows();
        assertThat(clocks).as("intake tasks of the %d cases", cases.size()).hasSize(cases.size());
        Set<String> tasks = clocks.stream().map(c -> (String) c.get("task_id")).collect(Collectors.toSet());
        assertThat(tasks).hasSize(cases.size());
        assertThat(clocks).allSatisfy(clock -> {
            assertThat(clock.get("policy_version")).as("policy of %s", clock.get("task_id")).isEqualTo(fastPolicyVersion);
            assertThat(((Number) clock.get("due_after")).doubleValue()).as("due after (s)").isEqualTo(2.0);
        });

        Map<String, Long> breaches = countBy("""
                SELECT b.task_id AS k, COUNT(*) AS n FROM sla_breach b JOIN case_file f ON f.id = b.case_id
                WHERE f.case_number IN (:cases) AND b.level = 1 GROUP BY b.task_id""", cases);
        assertThat(breaches).as("level-1 breaches per intake task").containsOnlyKeys(tasks).allSatisfy((task, n) ->
                assertThat(n).as("level-1 breaches of task %s", task).isEqualTo(1));
        assertThat(db.sql("""
                SELECT COUNT(*) FROM sla_breach b JOIN case_file f ON f.id = b.case_id
                WHERE f.case_number IN (:cases) AND b.level <> 1""").param("cases", cases).query(Long.class).single())
                .as("second escalations (an hour after the deadline)").isZero();

        Map<String, Long> escalations = countBy("""
                SELECT v.TEXT_ AS k, COUNT(DISTINCT p.ID_) AS n FROM ACT_HI_PROCINST p
                JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = p.ID_ AND v.NAME_ = 'escalatedTaskId'
                WHERE p.PROC_DEF_KEY_ = 'sla-escalation' AND p.BUSINESS_KEY_ IN (:cases) GROUP BY v.TEXT_""", cases);
        assertThat(escalations).as("sla-escalation instances per intake task").containsOnlyKeys(tasks)
                .allSatisfy((task, n) -> assertThat(n).as("sla-escalation instances of task %s", task).isEqualTo(1));
        assertThat(db.sql("SELECT COUNT(*) FROM ACT_HI_PROCINST WHERE PROC_DEF_KEY_ = 'sla-escalation' AND BUSINESS_KEY_ IN (:cases)")
                .param("cases", cases).query(Long.class).single()).as("sla-escalation instances of these cases").isEqualTo(cases.size());
        assertThat(db.sql("""
                SELECT COUNT(*) FROM sla_breach b JOIN case_file f ON f.id = b.case_id
                JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = b.escalation_id AND v.NAME_ = 'escalatedTaskId' AND v.TEXT_ = b.task_id
                WHERE f.case_number IN (:cases) AND b.level = 1""").param("cases", cases).query(Long.class).single())
                .as("breaches linked to their own escalation instance").isEqualTo(cases.size());

        Map<String, Long> escalationTasks = countBy("""
                SELECT v.TEXT_ AS k, COUNT(DISTINCT t.ID_) AS n FROM ACT_HI_TASKINST t
                JOIN ACT_HI_VARINST v ON v.PROC_INST_ID_ = t.PROC_INST_ID_ AND v.NAME_ = 'escalatedTaskId'
                JOIN ACT_HI_PROCINST p ON p.ID_ = t.PROC_INST_ID_
                WHERE t.TASK_DEF_KEY_ = 'escalation' AND p.BUSINESS_KEY_ IN (:cases) GROUP BY v.TEXT_""", cases);
        assertThat(escalationTasks).as("escalation tasks per intake task").containsOnlyKeys(tasks)
                .allSatisfy((task, n) -> assertThat(n).as("escalation tasks of task %s", task).isEqualTo(1));
        assertThat(db.sql("""
                SELECT COUNT(*) FROM ACT_RU_TASK t JOIN ACT_RU_EXECUTION p ON p.ID_ = t.PROC_INST_ID_
                WHERE t.TASK_DEF_KEY_ = 'escalation' AND p.BUSINESS_KEY_ IN (:cases)""").param("cases", cases)
                .query(Long.class).single()).as("open escalation tasks of these cases").isEqualTo(cases.size());

        for (String event : List.of("SLA_REMINDER", "SLA_BREACH")) {
            Map<String, Long> entries = countBy("""
                    SELECT f.case_number AS k, COUNT(*) AS n FROM timeline_entry t JOIN case_file f ON f.id = t.case_id
                    WHERE f.case_number IN (:cases) AND t.task_key = 'intake' AND t.event_type = '%s'
                    GROUP BY f.case_number""".formatted(event), cases);
            assertThat(entries.keySet()).as("cases with %s timeline entries", event).isSubsetOf(cases);
            assertThat(entries).as("%s timeline entries per case", event)
                    .allSatisfy((caseNumber, n) -> assertThat(n).as("%s entries of case %s", event, caseNumber).isEqualTo(1));
            if ("SLA_BREACH".equals(event)) {
                assertThat(entries).as("every case has its breach in the timeline").containsOnlyKeys(cases);
            } else {
                // a reminder later than its deadline is skipped (SlaEscalations.remind): at most one, reported
                System.out.printf("%s: %d of %d intake tasks reminded before their deadline%n", run, entries.size(),
                        cases.size());
            }
        }

        // the reminder and deadline timers are used up; only the second escalation (an hour away) waits
        Map<String, Long> timersLeft = countBy("""
                SELECT SUBSTRING(j.HANDLER_CFG_ FROM 'taskListener~(\\w+)') AS k, COUNT(*) AS n FROM ACT_RU_JOB j
                JOIN ACT_RU_EXECUTION p ON p.ID_ = j.PROCESS_INSTANCE_ID_
                WHERE p.BUSINESS_KEY_ IN (:cases) AND j.HANDLER_TYPE_ = 'timer-task-listener'
                AND j.HANDLER_CFG_ LIKE 'intake$%' GROUP BY 1""", cases);
        assertThat(timersLeft).as("timers left on the intake tasks").isEqualTo(Map.of("slaSecondEscalation", (long) cases.size()));

        // the job log: each deadline job ran successfully once, and by whom (a timer's job definition is
        // configured with its type and expression: "DATE: ${sla.deadline(execution)}")
        List<Map<String, Object>> deadlineRuns = db.sql("""
                SELECT j.JOB_ID_ AS job, j.HOSTNAME_ AS host FROM ACT_HI_JOB_LOG j
                JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
                WHERE p.BUSINESS_KEY_ IN (:cases) AND j.JOB_STATE_ = 2 AND j.JOB_DEF_TYPE_ = 'timer-task-listener'
                AND j.JOB_DEF_CONFIGURATION_ LIKE '%sla.deadline(%' AND j.ACT_ID_ = 'intake'""")
                .param("cases", cases).query().listOfRows();
        assertThat(deadlineRuns.stream().map(r -> r.get("job")).distinct().count()).as("deadline jobs that ran")
                .isEqualTo(cases.size()).isEqualTo(deadlineRuns.size());
        Map<String, Long> deadlinesByNode = deadlineRuns.stream()
                .collect(Collectors.groupingBy(r -> String.valueOf(r.get("host")), TreeMap::new, Collectors.counting()));

        report(run, cases, deadlinesByNode);
        return deadlinesByNode;
    }

    private static void report(String run, List<String> cases, Map<String, Long> deadlinesByNode) {
        List<Long> breachDelays = db.sql("""
                SELECT ROUND(EXTRACT(EPOCH FROM b.breached_at - b.deadline) * 1000) FROM sla_breach b
                JOIN case_file f ON f.id = b.case_id WHERE f.case_number IN (:cases) AND b.level = 1""")
                .param("cases", cases).query(Long.class).list();
        List<Long> reminderDelays = db.sql("""
                SELECT ROUND(EXTRACT(EPOCH FROM t.occurred_at - c.goal_at) * 1000) FROM timeline_entry t
                JOIN sla_clock c ON c.case_id = t.case_id AND c.task_key = t.task_key
                JOIN case_file f ON f.id = t.case_id
                WHERE f.case_number IN (:cases) AND t.event_type = 'SLA_REMINDER' AND t.task_key = 'intake'""")
                .param("cases", cases).query(Long.class).list();
        Map<String, Long> timerRunsByNode = countBy("""
                SELECT j.HOSTNAME_ AS k, COUNT(*) AS n FROM ACT_HI_JOB_LOG j JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
                WHERE p.BUSINESS_KEY_ IN (:cases) AND j.JOB_STATE_ = 2 AND j.JOB_DEF_TYPE_ = 'timer-task-listener'
                GROUP BY j.HOSTNAME_""", cases);
        List<Map<String, Object>> failures = db.sql("""
                SELECT j.HOSTNAME_ AS host, LEFT(j.JOB_EXCEPTION_MSG_, 160) AS message, COUNT(*) AS n FROM ACT_HI_JOB_LOG j
                JOIN ACT_HI_PROCINST p ON p.ID_ = j.PROCESS_INSTANCE_ID_
                WHERE p.BUSINESS_KEY_ IN (:cases) AND j.JOB_STATE_ = 1 GROUP BY 1, 2 ORDER BY 3 DESC""")
                .param("cases", cases).query().listOfRows();
        long failed = failures.stream().mapToLong(f -> ((Number) f.get("n")).longValue()).sum();
        long optimisticLocking = failures.stream().filter(f -> String.valueOf(f.get("message")).contains("ENGINE-03005")
                        || String.valueOf(f.get("message")).contains("OptimisticLocking"))
                .mapToLong(f -> ((Number) f.get("n")).longValue()).sum();

        StringBuilder out = new StringBuilder("%n=== SLA cluster (%s): %d intake tasks ===%n".formatted(run, cases.size()));
        out.append("deadline -> breach recorded (ms): ").append(stats(breachDelays)).append('\n');
        out.append("goal -> reminder recorded (ms):   ").append(stats(reminderDelays)).append('\n');
        out.append("deadline jobs run per node: ").append(deadlinesByNode).append('\n');
        out.append("all SLA timer jobs run per node: ").append(new TreeMap<>(timerRunsByNode)).append('\n');
        out.append("failed job executions: ").append(failed).append(", of them optimistic locking: ").append(optimisticLocking).append('\n');
        failures.forEach(f -> out.append("  ").append(f.get("n")).append(" x ").append(f.get("host")).append(": ")
                .append(f.get("message")).append('\n'));
        out.append("job executor: ").append(JOB_EXECUTOR).append(", other settings engine defaults")
                .append(" (max-jobs-per-acquisition 3, core-pool-size 3, backoff off)\n");
        System.out.print(out);
    }

    private static String stats(List<Long> values) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return "n=%d min=%d median=%d p95=%d max=%d".formatted(sorted.size(), sorted.get(0),
                sorted.get((sorted.size() - 1) / 2), sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1),
                sorted.get(sorted.size() - 1));
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    /** Sends a node's process a signal: STOP freezes it, CONT lets it carry on. */
    private static void signal(Node node, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(node.process().pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %s", signal, node.name()).isTrue();
    }

    /** Runs a query of rows (k, n): n per k. */
    private static Map<String, Long> countBy(String sql, List<String> cases) {
        Map<String, Long> counts = new HashMap<>();
        db.sql(sql).param("cases", cases).query().listOfRows()
                .forEach(row -> counts.put(String.valueOf(row.get("k")), ((Number) row.get("n")).longValue()));
        return counts;
    }

    private static long breachedIntakes(List<String> cases) {
        return db.sql("""
                SELECT COUNT(DISTINCT b.task_id) FROM sla_breach b JOIN case_file f ON f.id = b.case_id
                WHERE f.case_number IN (:cases) AND b.level = 1 AND b.task_key = 'intake'""")
                .param("cases", cases).query(Long.class).single();
    }

    private static void awaitEveryIntakeBreached(List<String> cases, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .failFast("node A exited, see " + nodeA.log(), () -> !nodeA.alive())
                .untilAsserted(() -> {
                    // reminders are not awaited: one that runs after its deadline (1 s later in the fast policy: a
                    // busy or failed-over node) is skipped by design, see SlaEscalations.remind
                    assertThat(breachedIntakes(cases)).as("intake tasks breached").isEqualTo(cases.size());
                });
    }

    private record Lock(String owner, Instant expires) {
    }

    /** The jobs currently locked, by id: each job executor locks with its own owner id, for the lock time. */
    private static Map<String, Lock> lockedJobs() {
        Map<String, Lock> locked = new HashMap<>();
        db.sql("SELECT ID_, LOCK_OWNER_, LOCK_EXP_TIME_ FROM ACT_RU_JOB WHERE LOCK_OWNER_ IS NOT NULL").query().listOfRows()
                .forEach(row -> locked.put((String) row.get("id_"),
                        new Lock((String) row.get("lock_owner_"), ((Timestamp) row.get("lock_exp_time_")).toInstant())));
        return locked;
    }

    /** The lock owner of a node's job executor: one that locked a job the node then ran, per the job log. */
    private static String lockOwnerOf(String host, Map<String, String> ownerOfJob) {
        if (ownerOfJob.isEmpty()) {
            return null;
        }
        return db.sql("SELECT DISTINCT JOB_ID_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 2 AND HOSTNAME_ = :host AND JOB_ID_ IN (:jobs)")
                .param("host", host).param("jobs", List.copyOf(ownerOfJob.keySet())).query(String.class).list().stream()
                .map(ownerOfJob::get).findFirst().orElse(null);
    }

    /** Opens the cases round-robin through the nodes, as an intake worker or a case manager. */
    private static List<String> openCases(int count, Node... nodes) {
        List<String> users = List.of("ivy", "mary");
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Node node = nodes[i % nodes.length];
            String body = RestClient.NEW_CASE.formatted("MENTAL_HEALTH")
                    .replace("\"Lopez\"", "\"Cluster" + clientNumber++ + "\"");
            ResponseEntity<String> response = node.api().call(users.get(i % users.size()), HttpMethod.POST, "/api/cases", body);
            assertThat(response.getStatusCode().value()).as("open a case through %s: %s", node.name(), response.getBody())
                    .isEqualTo(201);
            opened.add(node.api().read(response).get("caseNumber").asText());
        }
        return opened;
    }

    /** Deploys the policy with the fast intake rule through node A's REST API; both nodes must see it. */
    private static int deployFastIntakePolicy() throws IOException {
        String fast = FastIntakePolicy.xml("Cluster test");

        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "sla-policy (cluster test: intake due after 2 s)");
        parts.add("deployment-source", SlaClusterIsolatedTest.class.getSimpleName());
        parts.add("data", new ByteArrayResource(fast.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "sla-policy.dmn";
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setBasicAuth("demo", "demo");
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> deployed = rest(nodeA).exchange("/engine-rest/deployment/create", HttpMethod.POST,
                new HttpEntity<>(parts, headers), String.class);
        assertThat(deployed.getStatusCode().value()).as(deployed.getBody()).isEqualTo(200);
        JsonNode decisions = nodeA.api().read(deployed).get("deployedDecisionDefinitions");
        assertThat(decisions.size()).as("decisions deployed").isEqualTo(1);
        int version = decisions.elements().next().get("version").asInt();
        assertThat(version).as("a new version of sla-policy").isGreaterThan(1);
        for (Node node : List.of(nodeA, nodeB)) {
            JsonNode latest = node.api().read(node.api().call("demo", HttpMethod.GET,
                    "/engine-rest/decision-definition/key/sla-policy", null));
            assertThat(latest.get("version").asInt()).as("latest sla-policy seen by %s", node.name()).isEqualTo(version);
        }
        return version;
    }

    // --- the nodes --------------------------------------------------------------------------------------------

    private static void createDatabase() {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CASEWAY_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL is required but does not answer at " + SERVER, e);
            }
            Assumptions.abort("No PostgreSQL at " + SERVER + ": " + e.getMessage());
        }
    }

    /** Starts a node as its own JVM and waits until it is ready (the demo users are seeded by then). */
    private static Node start(String name) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classPath(), CasewayApplication.class.getName(),
                "--server.port=" + port,
                "--spring.profiles.active=postgres,demo",
                "--spring.datasource.url=" + SERVER + DATABASE,
                "--caseway.data-dir=" + dataDir.resolve(name),
                // the engine's host name goes into the job log: who ran which job
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                // this test reads who ran which job from the job log, which Caseway's history level does not
                // write (README "History and retention"): its nodes run at "full", on a database of their own
                "--camunda.bpm.history-level=full",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtp.getSmtp().getPort(),
                "--caseway.notifications.from=caseway@caseway.example",
                "--logging.level.root=WARN"));
        JOB_EXECUTOR.forEach((key, value) -> command.add("--" + key + "=" + value));
        Path log = Files.createDirectories(Path.of("target", "sla-cluster")).resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PROCESSES.add(process);
        TestRestTemplate rest = rest(port);
        Instant started = Instant.now();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .failFast(name + " exited, see " + log, () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode().is2xxSuccessful());
        System.out.printf("%s ready on port %d after %d s%n", name, port, Duration.between(started, Instant.now()).toSeconds());
        return new Node(name, port, process, new RestClient(rest), log);
    }

    private static TestRestTemplate rest(Node node) {
        return rest(node.port());
    }

    private static TestRestTemplate rest(int port) {
        return new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
    }


}
