package org.caseway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.caseway.CasewayApplication;
import org.caseway.support.FastIntakePolicy;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One Caseway node of the benchmark, in a JVM of its own (quick mode: one JVM per variant runs its nodes in turn,
 * see {@link #nodes}): boots the application on the database it is given,
 * as shipped ({@code caseway}) or on the Camunda starter's defaults ({@code baseline}, see {@link Variant}),
 * runs the scenarios of its role and writes what it measured as JSON. Started by {@link Benchmarks}.
 */
public final class BenchNode {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, String> options;
    private final Sizes sizes;
    private final StatementCounter counter = new StatementCounter();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private ConfigurableApplicationContext context;
    private CaseWalker walker;
    private JdbcClient db;
    private int port;

    private BenchNode(Map<String, String> options) {
        this.options = options;
        this.sizes = Sizes.of(options.get("mode"));
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        for (Map<String, String> options : nodes(args)) {
            BenchNode node = new BenchNode(options);
            try {
                node.run();
            } catch (Throwable e) {
                e.printStackTrace();
                node.results.put("error", String.valueOf(e));
                status = 1;
            } finally {
                node.write();
                if (node.context != null) {
                    node.context.close();
                }
            }
        }
        System.exit(status);
    }

    /**
     * The nodes this JVM runs one after the other: {@code --key=value} options, groups separated by {@code --next};
     * each later group changes only what differs from the first (the database, its URL and folder, the port and the
     * result file). Quick mode runs a variant's H2 and PostgreSQL nodes in one JVM: the second start-up takes about
     * 5 s instead of 15 (classes loaded, start-up code compiled), and both variants' PostgreSQL nodes run in a JVM
     * warmed by their H2 node alike.
     */
    static List<Map<String, String>> nodes(String[] args) {
        List<Map<String, String>> nodes = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if ("--next".equals(arg)) {
                nodes.add(options);
                options = new LinkedHashMap<>(nodes.get(0));
                continue;
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        nodes.add(options);
        return nodes;
    }

    private void run() throws Exception {
        Variant variant = Variant.valueOf(options.get("variant").toUpperCase());
        port = Integer.parseInt(options.get("port"));
        List<String> springArgs = new ArrayList<>(List.of(
                "--spring.profiles.active=" + ("postgres".equals(options.get("db")) ? "postgres,demo" : "demo"),
                "--spring.datasource.url=" + options.get("url"),
                "--server.port=" + port,
                "--caseway.data-dir=" + options.get("data"),
                "--logging.level.root=WARN",
                "--logging.level.org.caseway.bench=INFO"));
        springArgs.addAll(variant.arguments());
        // -Dbench.args="--a=b --c=d e": settings to try against the shipped ones (both variants get them); a value
        // may hold spaces, each argument starts with --
        String extra = System.getProperty("bench.args", "");
        if (!extra.isBlank()) {
            springArgs.addAll(List.of(extra.trim().split("\\s+(?=--)")));
            results.put("extraArguments", extra.trim());
        }
        SpringApplication app = new SpringApplication(CasewayApplication.class);
        app.addInitializers(ctx -> {
            ctx.getBeanFactory().addBeanPostProcessor(counter.wrapper());
            variant.plugin().ifPresent(plugin -> ctx.getBeanFactory().registerSingleton("benchVariant", plugin));
        });
        Instant start = Instant.now();
        context = app.run(springArgs.toArray(String[]::new));
        results.put("startSeconds", Duration.between(start, Instant.now()).toMillis() / 1000.0);
        walker = new CaseWalker(context, counter);
        db = context.getBean(JdbcClient.class);
        ProcessEngineConfigurationImpl engine = context.getBean(ProcessEngineConfigurationImpl.class);
        results.put("historyLevel", engine.getHistoryLevel().getName());
        Map<String, Object> jobExecutor = jobExecutorFacts(engine.getJobExecutor());
        jobExecutor.put("acquireByDueDate", engine.isJobExecutorAcquireByDueDate());
        jobExecutor.put("ensureJobDueDateNotNull", engine.isEnsureJobDueDateNotNull());
        results.put("jobExecutor", jobExecutor);
        results.put("historyRemovalTimeStrategy", engine.getHistoryRemovalTimeStrategy());
        results.put("historyCleanupStrategy", engine.getHistoryCleanupStrategy());
        results.put("taskMetricsEnabled", engine.isTaskMetricsEnabled());
        variant.afterStart(db, options.get("db"));
        if ("postgres".equals(options.get("db"))) {
            results.put("postgresSettings", Map.of(
                    "plan_cache_mode", db.sql("SHOW plan_cache_mode").query(String.class).single(),
                    "jit", db.sql("SHOW jit").query(String.class).single()));
        }

        String role = options.getOrDefault("role", "single");
        switch (role) {
            case "single" -> {
                phase("lifecycle", this::lifecycle);
                if ("lifecycle".equals(options.get("mode"))) {
                    return;
                }
                // both variants meet the burst at the same number of open tasks: the largest level both measure
                phase("levels", () -> queueAndGrowth(level -> level <= sizes.burstLevel()));
                phase("burst", () -> burst(engine.getJobExecutor()));
                phase("steadyState", this::steadyState);
                // the levels after the burst are filled with the shipped policy: with the benchmark's 2 s deadline
                // every task opened from here on would be overdue and escalated (one more open task each)
                removeFastIntakePolicy();
                phase("levelsAfterBurst", () -> queueAndGrowth(level -> level > sizes.burstLevel()));
                results.put("openTaskLevels", levels);
            }
            case "lead" -> clusterLead(engine);
            case "follower" -> clusterFollower(engine);
            default -> throw new IllegalArgumentException("role " + role);
        }
    }

    /** How long each phase of this node took, in seconds (where a run's time goes; start-up is startSeconds). */
    private final Map<String, Double> phaseSeconds = new LinkedHashMap<>();

    private void phase(String name, Start work) throws Exception {
        long t0 = System.nanoTime();
        try {
            work.run();
        } finally {
            phaseSeconds.put(name, Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
            results.put("phaseSeconds", phaseSeconds);
        }
    }

    /** Warm-up, statements per step (one thread), then throughput (several threads). */
    private void lifecycle() throws Exception {
        for (int i = 0; i < sizes.warmupCases; i++) {
            walker.walk(walker.open());
        }
        counter.reset();
        for (int i = 0; i < sizes.countedCases; i++) {
            walker.walk(walker.open());
        }
        results.put("statementsPerStep", counter.snapshot());
        if (Boolean.getBoolean("bench.sql")) {
            results.put("statementTexts", counter.statementTexts());
        }
        counter.reset();

        Instant start = Instant.now();
        CpuTime cpu = CpuTime.now();
        runInThreads(sizes.threads, sizes.throughputCases, i -> walker.walk(walker.open()));
        double seconds = Duration.between(start, Instant.now()).toNanos() / 1e9;
        results.put("lifecycle", Map.of("cases", sizes.throughputCases, "threads", sizes.threads, "seconds", seconds,
                "casesPerSecond", sizes.throughputCases / seconds,
                "tasksPerSecond", sizes.throughputCases * CaseWalker.TASKS_PER_CASE / seconds,
                "cpuPerCase", CpuTime.now().since(cpu).perUnit(sizes.throughputCases)));
    }

    /** Open tasks grow to each size; at each, the Tasklist filter queries through /engine-rest and a lifecycle. */
    /** The open-task levels measured so far (queue latency and lifecycle time at each). */
    private final List<Map<String, Object>> levels = new ArrayList<>();

    private void queueAndGrowth(java.util.function.IntPredicate which) throws Exception {
        TaskService taskService = context.getBean(TaskService.class);
        HttpClient http = HttpClient.newHttpClient();
        Map<String, String> filters = filterIds(http, QUEUE_OWNER);
        // the same filters of a case manager outside intake, who sees none of the open intake tasks (full mode only:
        // quick mode stays under 3 minutes)
        Map<String, String> otherFilters = "full".equals(options.get("mode")) ? filterIds(http, OTHER_CASE_MANAGER)
                : Map.of();
        for (int size : sizes.levelsFor(Variant.valueOf(options.get("variant").toUpperCase()))) {
            if (!which.test(size)) {
                continue;
            }
            // the open intake tasks, all in mary's queue (after the burst its escalations are open as well, in the
            // supervisors' queues)
            long open = taskService.createTaskQuery().taskDefinitionKey("intake").count();
            int missing = (int) Math.max(0, size - open);
            Instant fill = Instant.now();
            runInThreads(sizes.threads, missing, i -> walker.open());
            double fillSeconds = Duration.between(fill, Instant.now()).toNanos() / 1e9;
            // after the burst: its escalations' notifications and any due jobs are done before the queue is timed
            double quietSeconds = awaitQuiet();
            // fresh statistics, as autovacuum would gather them (this machine's PostgreSQL runs with it off)
            db.sql("ANALYZE").update();
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("openTasks", taskService.createTaskQuery().taskDefinitionKey("intake").count());
            level.put("allOpenTasks", taskService.createTaskQuery().count());
            level.put("quietSeconds", quietSeconds);
            level.put("openedPerSecond", missing / Math.max(fillSeconds, 1e-3));
            for (Map.Entry<String, String> filter : filters.entrySet()) {
                level.put("queue " + filter.getKey(), queueLatency(http, QUEUE_OWNER, filter.getValue()));
            }
            for (Map.Entry<String, String> filter : otherFilters.entrySet()) {
                level.put(OTHER_CASE_MANAGER + " queue " + filter.getKey(),
                        queueLatency(http, OTHER_CASE_MANAGER, filter.getValue()));
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < sizes.growthCases; i++) {
                long t = System.nanoTime();
                walker.walk(walker.open());
                millis.add((System.nanoTime() - t) / 1e6);
            }
            level.put("lifecycleMillis", stats(millis));
            levels.add(level);
            System.out.printf("[bench] %s %s: %s%n", options.get("variant"), options.get("db"), level);
        }
    }

    /**
     * Waits (at most the burst timeout) until no job is due and no notification waits to be sent now, so that a
     * backlog left by the burst does not share the CPU with the requests being timed; returns the seconds waited.
     */
    private double awaitQuiet() throws InterruptedException {
        long t0 = System.nanoTime();
        long until = t0 + Duration.ofMinutes(sizes.burstTimeoutMinutes).toNanos();
        while (System.nanoTime() < until) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            long busy = db.sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND DUEDATE_ <= :now")
                    .param("now", now).query(Long.class).single()
                    + db.sql("SELECT COUNT(*) FROM notification_outbox WHERE status = 'SENDING'"
                            + " OR status = 'PENDING' AND (next_attempt_at IS NULL OR next_attempt_at <= :now)")
                    .param("now", now).query(Long.class).single();
            if (busy == 0) {
                break;
            }
            Thread.sleep(500);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Whose queues are timed: mary is in intake, so every open intake task of the benchmark is in her queue. */
    static final String QUEUE_OWNER = "mary";
    /** A case manager of mary's team outside intake: the open intake tasks are in no queue of his. */
    static final String OTHER_CASE_MANAGER = "liam";

    /** The filters a case worker opens in Tasklist, by name. */
    private Map<String, String> filterIds(HttpClient http, String user) throws Exception {
        JsonNode list = JSON.readTree(send(http, user, "GET", "/engine-rest/filter?resourceType=Task&firstResult=0&maxResults=200", null));
        Map<String, String> ids = new LinkedHashMap<>();
        for (String name : List.of("My tasks", "My groups' unassigned tasks", "Overdue")) {
            for (JsonNode filter : list) {
                if (name.equals(filter.get("name").asText()) && !ids.containsKey(name)) {
                    ids.put(name, filter.get("id").asText());
                }
            }
        }
        if (ids.size() != 3) {
            throw new IllegalStateException("Tasklist filters of " + user + ": " + list);
        }
        return ids;
    }

    /**
     * What Tasklist (7.24) asks when a filter opens, timed: one HAL request for the first page (15, newest first)
     * with its count and each card's variables, sent with Tasklist's headers and body. The count alone is timed
     * too, to show how much of the request it is (Tasklist's filter list does not ask for counts).
     */
    private Map<String, Object> queueLatency(HttpClient http, String user, String filterId) throws Exception {
        String list = "/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15";
        String count = "/engine-rest/filter/" + filterId + "/count";
        // the first request of this level: a count kept for the person (LargeTaskCounts) is at most a previous
        // level's, which filling this level outlasts in full mode, so this one counts the queue as it is
        long first = System.nanoTime();
        send(http, user, "POST", list, TASKLIST_QUERY, TASKLIST_ACCEPT);
        double firstMillis = (System.nanoTime() - first) / 1e6;
        send(http, user, "GET", count, null);
        for (int i = 0; i < 2; i++) {
            send(http, user, "POST", list, TASKLIST_QUERY, TASKLIST_ACCEPT);
            send(http, user, "GET", count, null);
        }
        List<Double> pages = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        // at most a minute per filter once 10 samples are in: without Caseway's statistics a count can take seconds
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (int i = 0; i < sizes.queueSamples && (i < 10 || System.nanoTime() < until); i++) {
            long t = System.nanoTime();
            send(http, user, "POST", list, TASKLIST_QUERY, TASKLIST_ACCEPT);
            pages.add((System.nanoTime() - t) / 1e6);
            t = System.nanoTime();
            send(http, user, "GET", count, null);
            counts.add((System.nanoTime() - t) / 1e6);
        }
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("tasklist", stats(pages));
        latency.put("count", stats(counts));
        latency.put("firstMillis", firstMillis);
        return latency;
    }

    /** Tasklist's task list request: its Accept header (HAL first) and the body it posts for a filter's first page. */
    private static final String TASKLIST_ACCEPT = "application/hal+json, application/json; q=0.5";
    private static final String TASKLIST_QUERY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
            + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}],"
            + "\"active\":true}";

    private String send(HttpClient http, String user, String method, String path, String body) throws Exception {
        return send(http, user, method, path, body, "application/json");
    }

    private String send(HttpClient http, String user, String method, String path, String body, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", accept);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /**
     * A Monday-morning burst: with the job executor stopped, intake tasks are created whose deadline passes 2 s
     * later (a redeployed policy, as analysts would change it); once every deadline has passed the job executor
     * starts, and the time until every breach has its escalation is measured.
     */
    private void burst(JobExecutor jobExecutor) throws Exception {
        jobExecutor.shutdown();
        // what the drain costs the database: every statement of the job executor and the outbox while it runs
        // (this thread's polling is a stage of its own)
        counter.reset();
        counter.stage("burst polling");
        Drained drained;
        try {
            drained = burstOfDeadlines(sizes.burstTasks, () -> {
                counter.otherThreads("burst");
                jobExecutor.start();
            });
        } finally {
            counter.end();
        }
        long escalated = drained.escalated();
        counter.endOtherThreads(escalated);
        double seconds = drained.seconds();
        Map<String, Object> burst = new LinkedHashMap<>();
        burst.put("tasks", sizes.burstTasks);
        burst.put("escalated", escalated);
        burst.put("seconds", seconds);
        burst.put("escalationsPerSecond", escalated / seconds);
        burst.put("perEscalation", counter.snapshot().get("burst"));
        // what the escalations cost in CPU, with the work they leave behind (notifications, due jobs) done
        burst.put("quietSeconds", awaitQuiet());
        burst.put("cpuPerEscalation", CpuTime.now().since(drained.cpuAtStart()).perUnit(escalated));
        if (Boolean.getBoolean("bench.sql")) {
            results.put("burstStatementTexts", counter.statementTexts().get("burst"));
        }
        counter.reset();
        burst.put("failedJobs", db.sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE EXCEPTION_MSG_ IS NOT NULL")
                .query(Long.class).single());
        results.put("burst", burst);
        System.out.printf("[bench] %s %s burst: %s%n", options.get("variant"), options.get("db"), burst);
    }

    /** When a burst's cases were opened, how many of its deadlines were escalated, and how long that took. */
    private record Drained(Timestamp from, long escalated, double seconds, CpuTime cpuAtStart) {
    }

    interface Start {
        void run() throws Exception;
    }

    /**
     * With the job executors stopped: deploys the fast intake policy, opens {@code tasks} cases, waits until every
     * deadline has passed, starts the job executors ({@code start}) and waits until every deadline is escalated or
     * the burst times out.
     */
    private Drained burstOfDeadlines(int tasks, Start start) throws Exception {
        deployFastIntakePolicy();
        Timestamp from = new Timestamp(System.currentTimeMillis());
        runInThreads(sizes.threads, tasks, i -> walker.open());
        Thread.sleep(2_500);
        CpuTime cpu = CpuTime.now();
        long t0 = System.nanoTime();
        start.run();
        long deadline = t0 + Duration.ofMinutes(sizes.burstTimeoutMinutes).toNanos();
        long escalated = 0;
        while (System.nanoTime() < deadline && (escalated = escalations(from)) < tasks) {
            Thread.sleep(100);
        }
        return new Drained(from, escalated, (System.nanoTime() - t0) / 1e9, cpu);
    }

    /**
     * Two nodes, one database: the lead node creates the burst with both job executors stopped, then both start
     * together (a file in the shared folder is the signal); the time until every escalation exists and the job
     * acquisitions that failed because the other node locked the same job first (the engine's job-acquired-failure
     * metric against job-acquired-success, both nodes' meters flushed to ACT_RU_METER_LOG at the end).
     */
    private void clusterLead(ProcessEngineConfigurationImpl engine) throws Exception {
        Path signals = Path.of(options.get("signals"));
        warmUpAlone(engine.getJobExecutor());
        Files.writeString(signals.resolve("lead-ready"), "ready");
        awaitFile(signals.resolve("follower-ready"), Duration.ofMinutes(3));
        Drained drained = burstOfDeadlines(sizes.clusterTasks(), () -> {
            Files.writeString(signals.resolve("go"), "go");
            engine.getJobExecutor().start();
        });
        long escalated = drained.escalated();
        double seconds = drained.seconds();
        Files.writeString(signals.resolve("done"), "done");
        engine.getDbMetricsReporter().reportNow();
        awaitFile(signals.resolve("follower-flushed"), Duration.ofMinutes(1));
        Map<String, Long> meters = new LinkedHashMap<>();
        db.sql("SELECT NAME_, SUM(VALUE_) FROM ACT_RU_METER_LOG WHERE NAME_ LIKE 'job-%' GROUP BY NAME_")
                .query((rs, n) -> meters.put(rs.getString(1), rs.getLong(2))).list();
        long success = meters.getOrDefault("job-acquired-success", 0L);
        long failure = meters.getOrDefault("job-acquired-failure", 0L);
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("tasks", sizes.clusterTasks());
        cluster.put("escalated", escalated);
        cluster.put("seconds", seconds);
        cluster.put("escalationsPerSecond", escalated / seconds);
        cluster.put("breaches", db.sql("SELECT COUNT(*) FROM sla_breach WHERE level = 1 AND breached_at >= :from")
                .param("from", drained.from()).query(Long.class).single());
        cluster.put("meters", meters);
        cluster.put("failedLockPercent", success + failure == 0 ? 0.0 : 100.0 * failure / (success + failure));
        results.put("cluster", cluster);
        System.out.printf("[bench] %s cluster: %s%n", options.get("variant"), cluster);
    }

    private void clusterFollower(ProcessEngineConfigurationImpl engine) throws Exception {
        Path signals = Path.of(options.get("signals"));
        warmUpAlone(engine.getJobExecutor());
        Files.writeString(signals.resolve("follower-ready"), "ready");
        awaitFile(signals.resolve("go"), Duration.ofMinutes(10));
        engine.getJobExecutor().start();
        awaitFile(signals.resolve("done"), Duration.ofMinutes(sizes.burstTimeoutMinutes + 1));
        engine.getDbMetricsReporter().reportNow();
        Files.writeString(signals.resolve("follower-flushed"), "flushed");
    }

    /**
     * A node of the two-node run warms up alone before it says it is ready, as the one-node burst comes after the
     * lifecycle runs: the lifecycle warm-up, then a small burst that its own job executor drains while the other
     * node's is stopped (the lead warms up before the follower starts, the follower while the lead waits). Two cold
     * JVMs would otherwise measure the JIT compiler more than the job executors. Ends with the job executor stopped.
     */
    private void warmUpAlone(JobExecutor jobExecutor) throws Exception {
        for (int i = 0; i < sizes.warmupCases; i++) {
            walker.walk(walker.open());
        }
        jobExecutor.shutdown();
        Drained warm = burstOfDeadlines(sizes.clusterWarmupTasks(), jobExecutor::start);
        jobExecutor.shutdown();
        if (warm.escalated() < sizes.clusterWarmupTasks()) {
            throw new IllegalStateException("warm-up burst: " + warm.escalated() + " of " + sizes.clusterWarmupTasks()
                    + " deadlines escalated in " + sizes.burstTimeoutMinutes + " min");
        }
        results.put("warmUp", Map.of("cases", sizes.warmupCases, "deadlines", sizes.clusterWarmupTasks(),
                "escalationsPerSecond", warm.escalated() / warm.seconds()));
    }

    static void awaitFile(Path file, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No signal " + file + " after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Escalations (level-1 breaches of intake tasks, each with its sla-escalation task) since {@code from}. */
    private long escalations(Timestamp from) {
        return db.sql("SELECT COUNT(*) FROM sla_breach WHERE level = 1 AND task_key = 'intake' AND breached_at >= :from"
                        + " AND escalation_id IS NOT NULL")
                .param("from", from).query(Long.class).single();
    }

    /** Steady state: intake tasks at a steady rate, each due 2 s later; the delay from deadline to breach. */
    private void steadyState() throws Exception {
        Timestamp from = new Timestamp(System.currentTimeMillis());
        long perTaskNanos = 1_000_000_000L / sizes.steadyPerSecond;
        int total = sizes.steadyPerSecond * sizes.steadySeconds;
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            walker.open();
            next += perTaskNanos;
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (escalations(from) < total && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        List<Double> delays = db.sql("SELECT deadline, breached_at FROM sla_breach WHERE level = 1 AND task_key = 'intake'"
                        + " AND breached_at >= :from").param("from", from)
                .query((rs, n) -> (double) (rs.getTimestamp("breached_at").getTime() - rs.getTimestamp("deadline").getTime()))
                .list();
        Map<String, Object> steady = new LinkedHashMap<>();
        steady.put("tasks", total);
        steady.put("perSecond", sizes.steadyPerSecond);
        steady.put("escalated", delays.size());
        steady.put("delayMillis", stats(delays));
        results.put("steadyState", steady);
        System.out.printf("[bench] %s %s steady state: %s%n", options.get("variant"), options.get("db"), steady);
    }

    private static final String FAST_POLICY_DEPLOYMENT = "sla-policy (benchmark: intake due after 2 s)";

    private void deployFastIntakePolicy() {
        context.getBean(RepositoryService.class).createDeployment().name(FAST_POLICY_DEPLOYMENT)
                .addString("sla-policy.dmn", FastIntakePolicy.xml("Benchmark")).deploy();
    }

    private void removeFastIntakePolicy() {
        RepositoryService repository = context.getBean(RepositoryService.class);
        repository.createDeploymentQuery().deploymentName(FAST_POLICY_DEPLOYMENT).list()
                .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }

    private Map<String, Object> jobExecutorFacts(JobExecutor jobExecutor) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("maxJobsPerAcquisition", jobExecutor.getMaxJobsPerAcquisition());
        facts.put("waitTimeInMillis", jobExecutor.getWaitTimeInMillis());
        facts.put("maxWait", jobExecutor.getMaxWait());
        facts.put("lockTimeInMillis", jobExecutor.getLockTimeInMillis());
        facts.put("backoffTimeInMillis", jobExecutor.getBackoffTimeInMillis());
        return facts;
    }

    interface Step {
        void run(int i) throws Exception;
    }

    private static void runInThreads(int threads, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    step.run(i);
                }
                return null;
            }));
        }
        try {
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Double> stats(List<Double> values) {
        Map<String, Double> stats = new LinkedHashMap<>();
        if (values.isEmpty()) {
            return stats;
        }
        List<Double> sorted = values.stream().sorted().toList();
        stats.put("n", (double) sorted.size());
        stats.put("p50", percentile(sorted, 50));
        stats.put("p95", percentile(sorted, 95));
        stats.put("p99", percentile(sorted, 99));
        stats.put("max", sorted.get(sorted.size() - 1));
        stats.put("mean", sorted.stream().mapToDouble(Double::doubleValue).average().orElse(0));
        return stats;
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private void write() throws Exception {
        Files.writeString(Path.of(options.get("out")), JSON.writeValueAsString(results));
    }

    /** The benchmark's two configurations of the same product and models. */
    enum Variant {
        /** Caseway as shipped: application.yaml and the engine plugins. */
        CASEWAY,
        /**
         * What a team gets from the Camunda Spring Boot starter without us: history FULL with removal times at
         * process end, the job executor's defaults, a default connection pool, none of our engine indexes and
         * the engine's own statements.
         */
        BASELINE;

        List<String> arguments() {
            if (this == CASEWAY) {
                return List.of();
            }
            return List.of("--camunda.bpm.history-level=full",
                    "--camunda.bpm.job-execution.core-pool-size=3",
                    "--camunda.bpm.job-execution.max-pool-size=10",
                    "--camunda.bpm.job-execution.queue-capacity=3",
                    "--camunda.bpm.job-execution.max-jobs-per-acquisition=3",
                    "--camunda.bpm.job-execution.wait-time-in-millis=5000",
                    "--camunda.bpm.job-execution.max-wait=60000",
                    "--camunda.bpm.job-execution.lock-time-in-millis=300000",
                    "--camunda.bpm.job-execution.backoff-time-in-millis=0",
                    "--spring.datasource.hikari.maximum-pool-size=10",
                    // PostgreSQL's own planner defaults (generic plans after 5 runs, JIT on)
                    "--spring.datasource.hikari.data-source-properties.options=",
                    "--spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=false",
                    // the engine's own statements (org.caseway.system: AuthorizedGroupIdsByIndex,
                    // JobAcquisitionSkipLocked, QueryPlansWithValues, IncidentLookupForFailedJobsOnly, DynamicSqlCaches,
                    // TaskCountGrantJoin, TaskPageSemiJoin, LargeTaskCounts)
                    "--caseway.engine.indexed-authorized-groups=false",
                    "--caseway.engine.skip-locked-acquisition=false",
                    "--caseway.engine.query-plans-with-values=false",
                    "--caseway.engine.incident-lookup-for-failed-jobs-only=false",
                    "--caseway.engine.dynamic-sql-caches=false",
                    "--caseway.engine.task-count-grant-join=false",
                    "--caseway.engine.task-page-semi-join=false",
                    "--caseway.engine.large-task-counts.enabled=false",
                    // Camunda REST reads each card's process definition and people at every task list request
                    "--caseway.tasklist.card-links-time-to-live=0");
        }

        /** Runs after every other engine plugin: the engine settings of the starter's defaults. */
        java.util.Optional<ProcessEnginePlugin> plugin() {
            if (this == CASEWAY) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new StarterDefaults());
        }

        /** The baseline has none of Caseway's additions to the engine's tables (db/engine). */
        void afterStart(JdbcClient db, String database) {
            if (this == CASEWAY) {
                return;
            }
            db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_JOB_DUEDATE").update();
            db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_TASK_PARENT").update();
            db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_TASK_DUE").update();
            if ("postgres".equals(database)) {
                db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_JOB_LOCKED").update();
                db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_AUTH_TASK_RESOURCE").update();
                db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_TASK_CREATED_DUE").update();
                db.sql("DROP INDEX IF EXISTS CASEWAY_IDX_AUTH_USER").update();
                db.sql("DROP STATISTICS IF EXISTS CASEWAY_STAT_AUTH_READ").update();
                db.sql("DROP STATISTICS IF EXISTS CASEWAY_STAT_AUTH_READ_TASK").update();
            }
        }
    }

    /** The engine settings Caseway changes, put back to the engine's defaults. */
    static final class StarterDefaults implements ProcessEnginePlugin, org.springframework.core.Ordered {
        @Override
        public int getOrder() {
            return LOWEST_PRECEDENCE;
        }

        @Override
        public void preInit(ProcessEngineConfigurationImpl configuration) {
            configuration.setHistory("full");
            configuration.setHistoryRemovalTimeStrategy("end");
            configuration.setHistoryCleanupStrategy("removalTimeBased");
            configuration.setJobExecutorAcquireByDueDate(false);
            configuration.setEnsureJobDueDateNotNull(false);
            configuration.setJobExecutorPreferTimerJobs(false);
            configuration.setTaskMetricsEnabled(true);
        }

        @Override
        public void postInit(ProcessEngineConfigurationImpl configuration) {
        }

        @Override
        public void postProcessEngineBuild(org.camunda.bpm.engine.ProcessEngine processEngine) {
        }
    }

    /** How much of everything a run does; -Dbench.levels, -Dbench.baselineLevels and -Dbench.burst override it. */
    record Sizes(int warmupCases, int countedCases, int throughputCases, int threads, int[] openTaskLevels,
                 int[] baselineOpenTaskLevels, int queueSamples, int growthCases, int burstTasks,
                 int burstTimeoutMinutes, int steadyPerSecond, int steadySeconds) {

        static Sizes of(String mode) {
            Sizes sizes = switch (mode) {
                case "lifecycle" -> new Sizes(10, 5, 150, 2, new int[0], new int[0], 0, 0, 0, 0, 0, 0);
                case "probe" -> new Sizes(3, 5, 8, 2, new int[] {50}, new int[] {50}, 10, 2, 50, 2, 5, 2);
                // the baseline stops at 10,000 open tasks: filling 100,000 through the product takes it most of an hour
                case "full" -> new Sizes(30, 30, 200, 4, new int[] {1_000, 10_000, 100_000}, new int[] {1_000, 10_000},
                        200, 20, 10_000, 30, 20, 60);
                default -> new Sizes(3, 2, 10, 2, new int[] {20, 200}, new int[] {20, 200}, 10, 3, 80, 3, 5, 2);
            };
            return new Sizes(sizes.warmupCases, sizes.countedCases, sizes.throughputCases, sizes.threads,
                    levels("bench.levels", sizes.openTaskLevels), levels("bench.baselineLevels", sizes.baselineOpenTaskLevels),
                    sizes.queueSamples, sizes.growthCases, Integer.getInteger("bench.burst", sizes.burstTasks),
                    sizes.burstTimeoutMinutes, sizes.steadyPerSecond, sizes.steadySeconds);
        }

        private static int[] levels(String property, int[] otherwise) {
            String value = System.getProperty(property);
            return value == null || value.isBlank() ? otherwise
                    : java.util.Arrays.stream(value.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
        }

        int[] levelsFor(Variant variant) {
            return variant == Variant.BASELINE ? baselineOpenTaskLevels : openTaskLevels;
        }

        /** The open tasks at which both variants meet the burst: the largest level both measure (full mode 10,000). */
        int burstLevel() {
            int caseway = java.util.Arrays.stream(openTaskLevels).max().orElse(0);
            int baseline = java.util.Arrays.stream(baselineOpenTaskLevels).max().orElse(0);
            return Math.min(caseway, baseline);
        }

        /** The two-node burst: as big as the one-node burst, at most 2,000 (a cluster run is one more pair of JVMs). */
        int clusterTasks() {
            return Math.min(burstTasks, 2_000);
        }

        /** Each node's warm-up burst before the two-node burst: a quarter of it. */
        int clusterWarmupTasks() {
            return Math.max(1, clusterTasks() / 4);
        }
    }
}
