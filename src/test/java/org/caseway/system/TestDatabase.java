package org.caseway.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;

/**
 * The database the Spring Boot tests run on: each context's own in-memory H2 (the default), or, with the system
 * property {@code caseway.test.database=postgres} (Maven: {@code -Ppostgres}), each context's own fresh database
 * on the machine's PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth), created on demand by
 * {@link TestDatabaseEnvironmentPostProcessor} and dropped when the JVM exits. Child JVMs that tests start get a
 * database of their own from {@link #create()} and the {@link #childArguments(String)}.
 *
 * <p>Test databases are named {@code caseway_t_<random>}: a JVM that is killed leaves them behind, and
 * {@code .ci/run} drops the leftovers.
 */
public final class TestDatabase {

    /** The switch: a system property, so that child JVMs (which do not inherit it) decide for themselves. */
    public static final String PROPERTY = "caseway.test.database";
    public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    public static final String USER = "postgres";
    public static final String PREFIX = "caseway_t_";

    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    private static volatile boolean dropAtExit;

    private TestDatabase() {
    }

    /** Whether this JVM's Spring Boot tests run on PostgreSQL. */
    public static boolean postgres() {
        String choice = System.getProperty(PROPERTY, "h2").trim();
        return switch (choice) {
            case "postgres" -> true;
            case "h2", "" -> false;
            default -> throw new IllegalStateException(PROPERTY + " is h2 or postgres, not " + choice);
        };
    }

    /** A fresh, empty PostgreSQL database, dropped when the JVM exits; fails if PostgreSQL does not answer. */
    public static String create() {
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        CREATED.add(name);
        dropAtExit();
        return name;
    }

    public static String url(String database) {
        return SERVER + database;
    }

    /** Drops a database of {@link #create()} now, also if something still has it open. */
    public static void drop(String database) {
        if (CREATED.remove(database)) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    /** The command-line arguments that put a child Caseway JVM on the database; the caller adds the postgres profile. */
    public static List<String> childArguments(String database) {
        return new ArrayList<>(List.of("--spring.datasource.url=" + url(database),
                "--spring.datasource.username=" + USER, "--spring.datasource.password="));
    }

    /**
     * After every Spring application context of the JVM is closed (Spring Boot's shutdown hook runs its handlers
     * last), so no connection pool is left to complain about its database disappearing.
     */
    private static synchronized void dropAtExit() {
        if (!dropAtExit) {
            SpringApplication.getShutdownHandlers().add(() -> List.copyOf(CREATED).forEach(database -> {
                try {
                    drop(database);
                } catch (RuntimeException e) {
                    System.err.println("Test database " + database + " stays: " + e.getMessage());
                }
            }));
            dropAtExit = true;
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + SERVER + ": " + sql + " failed: " + e.getMessage(), e);
        }
    }
}
