package org.caseway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caseway.CasewayApplication;
import org.caseway.api.RestClient;
import org.caseway.system.TestDatabase;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;

/**
 * Caseway as a real process of its own (demo profile; on PostgreSQL when the test has a database of its own),
 * started and awaited until healthy, for tests that stop, kill or restart it. Its output goes to a log file.
 */
public final class CasewayProcess {

    private final Process process;
    private final Path log;
    private final RestClient api;

    private CasewayProcess(Process process, Path log, RestClient api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /**
     * Starts Caseway on {@code port} with its data in {@code dataDir}, on the PostgreSQL {@code database} or (null)
     * an H2 file in {@code dataDir}, with {@code extra} arguments; waits up to 2 minutes for it to be healthy.
     */
    public static CasewayProcess start(int port, Path dataDir, String database, Path logDir, List<String> extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", ChildJvm.classPath(), CasewayApplication.class.getName(),
                "--server.port=" + port, "--caseway.data-dir=" + dataDir,
                "--spring.profiles.active=demo" + (database != null ? ",postgres" : ""), "--logging.level.root=WARN"));
        if (database != null) {
            command.addAll(TestDatabase.childArguments(database));
        }
        command.addAll(extra);
        Path log = Files.createDirectories(logDir).resolve("caseway-" + Instant.now().toEpochMilli() + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestRestTemplate rest = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("Caseway exited, see %s", log).isTrue();
            try {
                if (rest.getForEntity("/actuator/health", String.class).getStatusCode().is2xxSuccessful()) {
                    return new CasewayProcess(process, log, new RestClient(rest));
                }
            } catch (RuntimeException notYetListening) {
                // still starting
            }
            process.waitFor(500, TimeUnit.MILLISECONDS);
        }
        process.destroyForcibly().waitFor();
        throw new AssertionError("Caseway did not start within 120 s, see " + log);
    }

    public RestClient api() {
        return api;
    }

    public Path log() {
        return log;
    }

    /** SIGTERM, as a service manager stops it: Spring and the engine shut down. */
    public void stopGracefully() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("Caseway stopped within 60 s").isTrue();
    }

    /** SIGKILL: nothing is shut down. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
