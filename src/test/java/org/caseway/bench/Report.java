package org.caseway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The benchmark's results as a table: each metric for the baseline and Caseway, their ratio and the target. */
final class Report {

    /** The user tasks of a case walk: "per task completion" averages over them. */
    static final List<String> TASK_STEPS = List.of("intake", "needsAssessment", "servicePlan", "approveServicePlan",
            "deliverService", "followUpContact", "closureSummary", "approveClosure", "postClosureCheck");

    private final String mode;
    private final Map<String, String> machine;
    private final Map<String, Map<String, JsonNode>> results;
    private final Map<String, JsonNode> cluster;
    private final Duration took;
    private final List<Row> rows = new ArrayList<>();

    /** One metric on one database. {@code met} is null where there is no target. */
    record Row(String db, String metric, String target, Double baseline, Double caseway, Double ratio, Boolean met,
               String unit) {
    }

    Report(String mode, Map<String, String> machine, Map<String, Map<String, JsonNode>> results,
           Map<String, JsonNode> cluster, Duration took) {
        this.mode = mode;
        this.machine = machine;
        this.results = results;
        this.cluster = cluster;
        this.took = took;
        results.forEach((db, variants) -> rows(db, variants.get("baseline"), variants.get("caseway")));
        if (cluster.containsKey("baseline") && cluster.containsKey("caseway")) {
            clusterRows(cluster.get("baseline"), cluster.get("caseway"));
        }
    }

    private void rows(String db, JsonNode b, JsonNode c) {
        // lifecycle throughput
        double bCases = b.at("/lifecycle/casesPerSecond").asDouble(Double.NaN);
        double cCases = c.at("/lifecycle/casesPerSecond").asDouble(Double.NaN);
        rows.add(new Row(db, "Lifecycle throughput (whole cases/s, " + c.at("/lifecycle/threads").asInt() + " threads)",
                "ratio >= 2", bCases, cCases, cCases / bCases, cCases / bCases >= 2, "cases/s"));
        double bTasks = b.at("/lifecycle/tasksPerSecond").asDouble(Double.NaN);
        double cTasks = c.at("/lifecycle/tasksPerSecond").asDouble(Double.NaN);
        rows.add(new Row(db, "Task completions/s in those cases", "", bTasks, cTasks, cTasks / bTasks, null, "tasks/s"));
        cpuRows(db, "CPU per whole case", b.at("/lifecycle/cpuPerCase"), c.at("/lifecycle/cpuPerCase"));
        // statements per task completion
        for (String measure : List.of("statements", "roundTrips", "commits")) {
            double bm = perTask(b, measure);
            double cm = perTask(c, measure);
            boolean targeted = !"roundTrips".equals(measure);
            rows.add(new Row(db, measure(measure) + " per task completion (mean of " + TASK_STEPS.size() + " steps)",
                    targeted ? "ratio <= 0.5" : "", bm, cm, cm / bm, targeted ? cm / bm <= 0.5 : null, ""));
        }
        // work queue and growth
        JsonNode bLevels = b.path("openTaskLevels");
        JsonNode cLevels = c.path("openTaskLevels");
        if (cLevels.size() > 0) {
            for (int i = 0; i < cLevels.size(); i++) {
                JsonNode cl = cLevels.get(i);
                JsonNode bl = bLevels.path(i);
                long open = cl.path("openTasks").asLong();
                double bp = worstQueueP95(bl);
                double cp = worstQueueP95(cl);
                boolean last = i == cLevels.size() - 1;
                rows.add(new Row(db, "Work queue p95 at " + open + " open tasks (slowest of 3 filters, " + requests(cl) + ")",
                        last ? "< 50 ms" : "", bp, cp, cp / bp, last ? cp < 50 : null, "ms"));
                if (i > 0) {
                    double grow = cp / worstQueueP95(cLevels.get(i - 1));
                    double bGrow = bp / worstQueueP95(bLevels.path(i - 1));
                    rows.add(new Row(db, "Work queue p95 growth " + cLevels.get(i - 1).path("openTasks").asLong() + " -> "
                            + open + " open tasks", "< 2", bGrow, grow, null, grow < 2, "x"));
                }
            }
            JsonNode cFirst = cLevels.get(0);
            JsonNode cLast = cLevels.get(cLevels.size() - 1);
            double cGrowth = cLast.at("/lifecycleMillis/p50").asDouble() / cFirst.at("/lifecycleMillis/p50").asDouble();
            double bGrowth = bLevels.size() > 0 ? bLevels.get(bLevels.size() - 1).at("/lifecycleMillis/p50").asDouble()
                    / bLevels.get(0).at("/lifecycleMillis/p50").asDouble() : Double.NaN;
            boolean baselineSame = bLevels.size() > 0 && bLevels.get(bLevels.size() - 1).path("openTasks").asLong()
                    == cLast.path("openTasks").asLong();
            rows.add(new Row(db, "Lifecycle time at " + cLast.path("openTasks").asLong() + " vs "
                    + cFirst.path("openTasks").asLong() + " open cases (p50)", "<= 1.5", baselineSame ? bGrowth : null,
                    cGrowth, null, cGrowth <= 1.5, "x"));
            JsonNode bLast = bLevels.path(bLevels.size() - 1);
            boolean sameSize = bLast.path("openTasks").asLong() == cLast.path("openTasks").asLong();
            rows.add(new Row(db, "Lifecycle time at " + cLast.path("openTasks").asLong() + " open cases (p50, one thread)",
                    "", sameSize ? bLast.at("/lifecycleMillis/p50").asDouble() : null,
                    cLast.at("/lifecycleMillis/p50").asDouble(), null, null, "ms"));
        }
        // deadline burst and steady state
        double bRate = b.at("/burst/escalationsPerSecond").asDouble(Double.NaN);
        double cRate = c.at("/burst/escalationsPerSecond").asDouble(Double.NaN);
        rows.add(new Row(db, "Deadline burst: escalations/s (" + c.at("/burst/tasks").asInt() + " deadlines at once)",
                "ratio >= 3", bRate, cRate, cRate / bRate, cRate / bRate >= 3, "/s"));
        double bSeconds = b.at("/burst/seconds").asDouble(Double.NaN);
        double cSeconds = c.at("/burst/seconds").asDouble(Double.NaN);
        rows.add(new Row(db, "Deadline burst: time until every escalation exists", "", bSeconds, cSeconds,
                cSeconds / bSeconds, null, "s"));
        if (c.at("/burst/perEscalation/statements").isNumber()) {
            double bStatements = b.at("/burst/perEscalation/statements").asDouble(Double.NaN);
            double cStatements = c.at("/burst/perEscalation/statements").asDouble();
            rows.add(new Row(db, "Deadline burst: statements per escalation (job executor and outbox while it drains)", "",
                    bStatements, cStatements, cStatements / bStatements, null, ""));
            double bCommits = b.at("/burst/perEscalation/commits").asDouble(Double.NaN);
            double cCommits = c.at("/burst/perEscalation/commits").asDouble();
            rows.add(new Row(db, "Deadline burst: commits per escalation", "", bCommits, cCommits, cCommits / bCommits,
                    null, ""));
        }
        cpuRows(db, "Deadline burst: CPU per escalation, until its notifications and due jobs are done",
                b.at("/burst/cpuPerEscalation"), c.at("/burst/cpuPerEscalation"));
        double wait = c.at("/jobExecutor/waitTimeInMillis").asDouble();
        double bP99 = b.at("/steadyState/delayMillis/p99").asDouble(Double.NaN);
        double cP99 = c.at("/steadyState/delayMillis/p99").asDouble(Double.NaN);
        rows.add(new Row(db, "Steady state: p99 deadline -> escalation (acquisition wait " + (long) wait + " ms)",
                "< wait + 1000 ms", bP99, cP99, cP99 / bP99, cP99 < wait + 1000, "ms"));
    }

    /**
     * CPU time per unit of work, of the Caseway JVM and of PostgreSQL (when it runs on this machine): on a shared
     * machine it moves much less from run to run than a rate does. Left out for measurements made before it.
     */
    private void cpuRows(String db, String what, JsonNode b, JsonNode c) {
        if (!c.path("jvmMillis").isNumber()) {
            return;
        }
        double bJvm = b.path("jvmMillis").asDouble(Double.NaN);
        double cJvm = c.path("jvmMillis").asDouble();
        rows.add(new Row(db, what + ": Caseway JVM", "", bJvm, cJvm, cJvm / bJvm, null, "ms"));
        double cDb = c.path("postgresMillis").asDouble(Double.NaN);
        if ("postgres".equals(db) && !Double.isNaN(cDb)) {
            double bDb = b.path("postgresMillis").asDouble(Double.NaN);
            rows.add(new Row(db, what + ": PostgreSQL", "", bDb, cDb, cDb / bDb, null, "ms"));
        }
    }

    private void clusterRows(JsonNode b, JsonNode c) {
        String db = "postgres";
        double bRate = b.at("/cluster/escalationsPerSecond").asDouble(Double.NaN);
        double cRate = c.at("/cluster/escalationsPerSecond").asDouble(Double.NaN);
        rows.add(new Row(db, "Two nodes: deadline burst escalations/s (" + c.at("/cluster/tasks").asInt()
                + " deadlines at once)", "ratio >= 3", bRate, cRate, cRate / bRate, cRate / bRate >= 3, "/s"));
        double bFailed = b.at("/cluster/failedLockPercent").asDouble(Double.NaN);
        double cFailed = c.at("/cluster/failedLockPercent").asDouble(Double.NaN);
        rows.add(new Row(db, "Two nodes: failed job locks (job-acquired-failure of all acquired)", "< 1 %", bFailed,
                cFailed, null, cFailed < 1, "%"));
        long breaches = c.at("/cluster/breaches").asLong(-1);
        rows.add(new Row(db, "Two nodes: escalations per missed deadline (exactly once)", "= 1", null,
                breaches / c.at("/cluster/tasks").asDouble(), null, breaches == c.at("/cluster/tasks").asLong(), "x"));
    }

    private static String measure(String measure) {
        return switch (measure) {
            case "roundTrips" -> "Round trips";
            case "commits" -> "Commits";
            default -> "Statements";
        };
    }

    private static double perTask(JsonNode result, String measure) {
        return TASK_STEPS.stream().mapToDouble(step -> result.at("/statementsPerStep/" + step + "/" + measure)
                .asDouble(Double.NaN)).average().orElse(Double.NaN);
    }

    /**
     * The requests a filter's latency is judged by: Tasklist's own request (HAL page with its count and cards), or
     * in measurements made before commit 6a05049, when the benchmark sent a plain page and a count, the two of them.
     */
    private static List<String> timed(JsonNode filter) {
        return filter.has("tasklist") ? List.of("tasklist") : List.of("list", "count");
    }

    private static String requests(JsonNode level) {
        for (Iterator<Map.Entry<String, JsonNode>> it = level.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().startsWith("queue ")) {
                return field.getValue().has("tasklist") ? "Tasklist's request" : "list and count requests";
            }
        }
        return "no requests";
    }

    private static double worstQueueP95(JsonNode level) {
        double worst = Double.NaN;
        for (Iterator<Map.Entry<String, JsonNode>> it = level.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().startsWith("queue ")) {
                for (String request : timed(field.getValue())) {
                    double p95 = field.getValue().path(request).path("p95").asDouble();
                    worst = Double.isNaN(worst) ? p95 : Math.max(worst, p95);
                }
            }
        }
        return worst;
    }

    /** Tasklist's request, or the plain page of measurements made before it was timed. */
    private static JsonNode page(JsonNode filter) {
        return filter.has("tasklist") ? filter.path("tasklist") : filter.path("list");
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Caseway benchmark (").append(mode).append(" mode)\n\n");
        md.append("Baseline: the same product and models on the Camunda Spring Boot starter's defaults (history FULL, "
                + "removal time at process end, job executor defaults, no Caseway engine indexes). Caseway: as shipped. "
                + "Both measured in this run, each on a fresh database"
                + ("full".equals(mode) ? ", each in a JVM of its own" : ", a variant's nodes in turn in one JVM (H2 first)")
                + "; ratio = Caseway / baseline.\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- run took: ").append(took.toSeconds()).append(" s\n");
        for (String db : results.keySet()) {
            md.append("\n## ").append("postgres".equals(db) ? "PostgreSQL" : "H2 (file)").append("\n\n");
            md.append("| Metric | Target | Baseline | Caseway | Ratio | Met |\n|---|---|---:|---:|---:|---|\n");
            rows.stream().filter(r -> r.db().equals(db)).forEach(r -> md.append("| ").append(r.metric()).append(" | ")
                    .append(r.target()).append(" | ").append(num(r.baseline(), r.unit())).append(" | ")
                    .append(num(r.caseway(), r.unit())).append(" | ").append(r.ratio() == null ? "" : num(r.ratio(), "x"))
                    .append(" | ").append(r.met() == null ? "" : r.met() ? "yes" : "**no**").append(" |\n"));
            md.append("\nWork queue by filter, as mary (and in full mode liam, a case manager outside intake) through "
                    + "/engine-rest (ms, p50 / p95; baseline | Caseway):\n\n");
            md.append("| Open tasks | Filter | Tasklist's request (first page, its count, the cards' variables) | Count alone "
                    + "| First request of the level |\n|---:|---|---:|---:|---:|\n");
            JsonNode cLevels = results.get(db).get("caseway").path("openTaskLevels");
            JsonNode bLevels = results.get(db).get("baseline").path("openTaskLevels");
            for (int i = 0; i < cLevels.size(); i++) {
                JsonNode cl = cLevels.get(i);
                JsonNode bl = bLevels.path(i);
                for (Iterator<String> names = cl.fieldNames(); names.hasNext(); ) {
                    String name = names.next();
                    // mary's filters ("queue <filter>"), then another case manager's ("<user> queue <filter>")
                    if (name.startsWith("queue ") || name.contains(" queue ")) {
                        String label = name.startsWith("queue ") ? name.substring(6) : name.replace(" queue ", ": ");
                        md.append("| ").append(cl.path("openTasks").asLong()).append(" | ").append(label)
                                .append(" | ").append(latency(page(bl.path(name)))).append(" \\| ")
                                .append(latency(page(cl.path(name)))).append(" | ")
                                .append(latency(bl.path(name).path("count"))).append(" \\| ")
                                .append(latency(cl.path(name).path("count"))).append(" | ")
                                .append(millis(bl.path(name).path("firstMillis"))).append(" \\| ")
                                .append(millis(cl.path(name).path("firstMillis"))).append(" |\n");
                    }
                }
            }
            md.append("\nPer step (statements / round trips / commits per execution):\n\n");
            md.append("| Step | Baseline | Caseway | Statements ratio |\n|---|---:|---:|---:|\n");
            JsonNode b = results.get(db).get("baseline").path("statementsPerStep");
            JsonNode c = results.get(db).get("caseway").path("statementsPerStep");
            Set<String> steps = new LinkedHashSet<>();
            b.fieldNames().forEachRemaining(steps::add);
            c.fieldNames().forEachRemaining(steps::add);
            for (String step : steps) {
                md.append("| ").append(step).append(" | ").append(cost(b.path(step))).append(" | ")
                        .append(cost(c.path(step))).append(" | ")
                        .append(num(c.path(step).path("statements").asDouble() / b.path(step).path("statements").asDouble(), "x"))
                        .append(" |\n");
            }
            for (String variant : List.of("baseline", "caseway")) {
                JsonNode r = results.get(db).get(variant);
                if ("postgres".equals(db) && cluster.containsKey(variant) && cluster.get(variant).has("error")) {
                    md.append("\n**two-node ").append(variant).append(" failed:** ")
                            .append(cluster.get(variant).get("error").asText()).append('\n');
                }
                if (r.has("error")) {
                    md.append("\n**").append(variant).append(" failed:** ").append(r.get("error").asText()).append('\n');
                }
            }
        }
        return md.toString();
    }

    private static String latency(JsonNode stats) {
        if (stats.isMissingNode() || !stats.has("p50")) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f / %.0f", stats.path("p50").asDouble(), stats.path("p95").asDouble());
    }

    private static String millis(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.0f", value.asDouble()) : "–";
    }

    private static String cost(JsonNode step) {
        if (step.isMissingNode()) {
            return "";
        }
        Function<String, String> f = k -> String.format(Locale.ROOT, "%.0f", step.path(k).asDouble());
        return f.apply("statements") + " / " + f.apply("roundTrips") + " / " + f.apply("commits");
    }

    String csv() {
        StringBuilder csv = new StringBuilder("database,metric,target,baseline,caseway,ratio,met,unit\n");
        for (Row r : rows) {
            csv.append(String.join(",", r.db(), quote(r.metric()), quote(r.target()), plain(r.baseline()),
                    plain(r.caseway()), plain(r.ratio()), r.met() == null ? "" : r.met().toString(), r.unit())).append('\n');
        }
        return csv.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String plain(Double d) {
        return d == null || d.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", d);
    }

    private static String num(Double d, String unit) {
        if (d == null || d.isNaN() || d.isInfinite()) {
            return "n/a";
        }
        String n = Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d)
                : Math.abs(d) >= 10 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.2f", d);
        return unit.isEmpty() ? n : n + " " + unit;
    }
}
