package org.caseway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.caseway.support.ChildJvm;

/**
 * The benchmark of issue 7: {@code mvn -Pbench verify} (quick, under 3 minutes) or {@code -Dbench.mode=full}.
 *
 * <p>For each database (H2 file, PostgreSQL at 127.0.0.1:5432) it runs the same scenarios twice, each in a fresh
 * JVM on a fresh database: Caseway as shipped and the baseline, the same product and models on the Camunda
 * starter's defaults ({@link BenchNode.Variant}). Every result is reported as a ratio of the two, measured in the
 * same run on the same machine, because these machines are noisy. The table (Markdown and CSV) and the raw
 * measurements go to target/benchmarks/.
 */
public final class Benchmarks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    public static void main(String[] args) throws Exception {
        String mode = System.getProperty("bench.mode", "quick");
        List<String> databases = List.of(System.getProperty("bench.databases", "h2,postgres").split(","));
        Path out = Path.of(System.getProperty("bench.out", "target/benchmarks"));
        Files.createDirectories(out);
        Instant start = Instant.now();
        Map<String, Map<String, JsonNode>> results = new LinkedHashMap<>();
        boolean failed = false;
        // -Dbench.reportOnly=true: the table again from the measurements of an earlier run in the same folder
        boolean reportOnly = Boolean.getBoolean("bench.reportOnly");
        // -Dbench.only=cluster: only the two-node run (with -Dbench.reportOnly=false, nothing else is measured)
        boolean clusterOnly = "cluster".equals(System.getProperty("bench.only"));
        // -Dbench.variants=caseway: measure one variant; the other's measurements must already be in the folder
        List<String> measured = variants();
        Map<String, Map<String, JsonNode>> byVariant = new LinkedHashMap<>();
        for (String variant : List.of("baseline", "caseway")) {
            Map<String, JsonNode> byDatabase = new LinkedHashMap<>();
            List<String> dbs = clusterOnly ? List.of() : databases;
            if (reportOnly || !measured.contains(variant)) {
                for (String db : dbs) {
                    byDatabase.put(db, earlier(out.resolve(db + "-" + variant + ".json")));
                }
            } else if ("full".equals(mode)) {
                // a full run's node runs for up to an hour and fills 100,000 open tasks: a JVM of its own each
                for (String db : dbs) {
                    byDatabase.putAll(runNodes(List.of(db), variant, mode, out));
                }
            } else if (!dbs.isEmpty()) {
                byDatabase.putAll(runNodes(dbs, variant, mode, out));
            }
            byVariant.put(variant, byDatabase);
        }
        for (String db : clusterOnly ? List.<String>of() : databases) {
            Map<String, JsonNode> variants = new LinkedHashMap<>();
            for (String variant : List.of("baseline", "caseway")) {
                JsonNode result = byVariant.get(variant).get(db);
                variants.put(variant, result);
                failed |= result.has("error");
            }
            results.put(db, variants);
        }
        Map<String, JsonNode> cluster = new LinkedHashMap<>();
        if (databases.contains("postgres") && ("full".equals(mode) || Boolean.getBoolean("bench.cluster") || clusterOnly)) {
            for (String variant : variants()) {
                JsonNode result = reportOnly ? JSON.readTree(out.resolve("cluster-" + variant + ".json").toFile())
                        : runCluster(variant, mode, out);
                cluster.put(variant, result);
                failed |= result.has("error");
            }
        }
        Report report = new Report(mode, machineFacts(databases), results, cluster, Duration.between(start, Instant.now()));
        Files.writeString(out.resolve("results.md"), report.markdown());
        Files.writeString(out.resolve("results.csv"), report.csv());
        System.out.println(report.markdown());
        System.out.printf("Written to %s (raw measurements: *.json, node logs: *.log)%n", out.toAbsolutePath());
        System.exit(failed ? 1 : 0);
    }

    /** Two nodes on one fresh PostgreSQL database: the lead creates the schema, the follower starts on it. */
    private static JsonNode runCluster(String variant, String mode, Path out) throws Exception {
        String database = "caseway_bench_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        execute(SERVER + "postgres", "CREATE DATABASE " + database);
        Path signals = Files.createTempDirectory("caseway-bench-signals");
        Path result = out.resolve("cluster-" + variant + ".json");
        Files.deleteIfExists(result);
        System.out.printf("[bench] cluster-%s: started (%s)%n", variant, database);
        Instant started = Instant.now();
        List<Process> processes = new ArrayList<>();
        try {
            processes.add(startNode(variant, mode, out, "cluster-" + variant + "-lead", List.of(nodeArguments("postgres",
                    SERVER + database, result, List.of("--role=lead", "--signals=" + signals)))));
            BenchNode.awaitFile(signals.resolve("lead-ready"), Duration.ofMinutes(3));
            processes.add(startNode(variant, mode, out, "cluster-" + variant + "-follower", List.of(nodeArguments("postgres",
                    SERVER + database, out.resolve("cluster-" + variant + "-follower.json"),
                    List.of("--role=follower", "--signals=" + signals)))));
            for (Process process : processes) {
                if (!process.waitFor("full".equals(mode) ? 60 : 10, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("cluster-" + variant + " did not finish; see its logs in " + out);
                }
            }
        } finally {
            for (Process process : processes) {
                process.destroyForcibly().waitFor();
            }
            execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        System.out.printf("[bench] cluster-%s: done in %d s%n", variant, Duration.between(started, Instant.now()).toSeconds());
        if (!Files.exists(result)) {
            throw new IllegalStateException("cluster-" + variant + " wrote no result; see its logs in " + out);
        }
        return JSON.readTree(result.toFile());
    }

    /** A JVM that runs the given nodes in turn ({@link BenchNode#nodes}); its output goes to {@code name}.log. */
    private static Process startNode(String variant, String mode, Path out, String name, List<List<String>> nodes)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g", "-XX:+UseG1GC"));
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("bench."))
                .forEach(p -> command.add("-D" + p + "=" + System.getProperty(p)));
        command.addAll(List.of("-cp", ChildJvm.classPath(), BenchNode.class.getName(),
                "--variant=" + variant, "--mode=" + mode));
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) {
                command.add("--next");
            }
            command.addAll(nodes.get(i));
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve(name + ".log").toFile())
                .start();
    }

    /** One node's options: its database, a data folder of its own, a free port and where its result goes. */
    private static List<String> nodeArguments(String db, String url, Path result, List<String> extra) throws IOException {
        Path data = Files.createTempDirectory("caseway-bench-" + result.getFileName());
        data.toFile().deleteOnExit();
        List<String> arguments = new ArrayList<>(List.of("--db=" + db, "--url=" + url, "--data=" + data.toAbsolutePath(),
                "--port=" + ChildJvm.freePort(), "--out=" + result.toAbsolutePath()));
        arguments.addAll(extra);
        return arguments;
    }

    /** An earlier run's measurements of a variant not measured now; none (empty columns) on a fresh machine. */
    private static JsonNode earlier(Path file) throws java.io.IOException {
        if (Files.exists(file)) {
            return JSON.readTree(file.toFile());
        }
        System.out.printf("[bench] %s: no earlier measurements, its column stays empty%n", file.getFileName());
        return JSON.createObjectNode();
    }

    private static List<String> variants() {
        String variants = System.getProperty("bench.variants", "");
        return List.of((variants.isBlank() ? "baseline,caseway" : variants).split(","));
    }

    /** A variant's nodes on the given databases, in turn in one JVM, each on a fresh database of its own. */
    private static Map<String, JsonNode> runNodes(List<String> dbs, String variant, String mode, Path out) throws Exception {
        String name = String.join("+", dbs) + "-" + variant;
        List<Path> folders = new ArrayList<>();
        List<String> databases = new ArrayList<>();
        List<List<String>> nodes = new ArrayList<>();
        Map<String, JsonNode> results = new LinkedHashMap<>();
        Instant started = Instant.now();
        try {
            for (String db : dbs) {
                Path data = Files.createTempDirectory("caseway-bench-" + db + "-" + variant + "-db");
                folders.add(data);
                String url;
                if ("postgres".equals(db)) {
                    String database = "caseway_bench_" + variant + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
                    execute(SERVER + "postgres", "CREATE DATABASE " + database);
                    databases.add(database);
                    url = SERVER + database;
                } else {
                    url = "jdbc:h2:file:" + data.resolve("caseway").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
                }
                Path result = out.resolve(db + "-" + variant + ".json");
                Files.deleteIfExists(result);
                nodes.add(nodeArguments(db, url, result, List.of()));
                System.out.printf("[bench] %s-%s: started (%s)%n", db, variant, url);
            }
            Process process = startNode(variant, mode, out, name, nodes);
            if (!process.waitFor(("full".equals(mode) ? 120 : 10) * dbs.size(), TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(name + " did not finish; see " + out.resolve(name + ".log"));
            }
        } finally {
            for (String database : databases) {
                // -Dbench.keepDatabase=true: keep a node's PostgreSQL database to study its queries afterwards
                // (EXPLAIN on 100,000 open tasks without filling them again); drop it by hand when done
                if (Boolean.getBoolean("bench.keepDatabase")) {
                    System.out.printf("[bench] %s: database %s kept%n", name, database);
                } else {
                    execute(SERVER + "postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
            // an H2 file of a full run grows to tens of GB (README "Latest results"): never leave one behind
            for (Path data : folders) {
                deleteTree(data);
            }
        }
        System.out.printf("[bench] %s: done in %d s%n", name, Duration.between(started, Instant.now()).toSeconds());
        for (String db : dbs) {
            Path result = out.resolve(db + "-" + variant + ".json");
            if (!Files.exists(result)) {
                throw new IllegalStateException(db + "-" + variant + " wrote no result; see " + out.resolve(name + ".log"));
            }
            results.put(db, JSON.readTree(result.toFile()));
        }
        return results;
    }

    private static void deleteTree(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Map<String, String> machineFacts(List<String> databases) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("date", ZonedDateTime.now(ZoneOffset.UTC).withNano(0).toString());
        facts.put("cpu", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            facts.put("memory", (os.getTotalMemorySize() >> 30) + " GiB");
        }
        facts.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        facts.put("h2", org.h2.engine.Constants.FULL_VERSION);
        if (databases.contains("postgres")) {
            try (Connection c = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW server_version")) {
                rs.next();
                facts.put("postgresql", rs.getString(1) + " (127.0.0.1, same machine)");
            } catch (SQLException e) {
                facts.put("postgresql", "not reachable: " + e.getMessage());
            }
        }
        facts.put("commit", git());
        return facts;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String git() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String head = new String(p.getInputStream().readAllBytes()).trim();
            Process d = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no").start();
            boolean dirty = !new String(d.getInputStream().readAllBytes()).isBlank();
            return p.waitFor() == 0 ? head + (dirty ? " (with uncommitted changes)" : "") : "unknown";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
