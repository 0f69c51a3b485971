package org.caseway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time spent so far by this JVM and by the PostgreSQL server on this machine (every process named postgres, with
 * the CPU of backends that have ended, which their parent's children's time keeps). The difference of two readings is
 * what a stage cost in CPU, which on a shared, noisy machine varies much less than how long the stage took.
 */
record CpuTime(long jvmNanos, long postgresNanos) {

    /** Linux's clock ticks per second in /proc (USER_HZ), 100 on every common architecture. */
    private static final long TICKS_PER_SECOND = 100;

    static CpuTime now() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new CpuTime(jvm, postgres());
    }

    CpuTime since(CpuTime earlier) {
        return new CpuTime(jvmNanos - earlier.jvmNanos, postgresNanos < 0 || earlier.postgresNanos < 0 ? -1
                : postgresNanos - earlier.postgresNanos);
    }

    /** Milliseconds of CPU per unit of work (a case, an escalation); PostgreSQL's is NaN where it cannot be read. */
    java.util.Map<String, Double> perUnit(long units) {
        double n = Math.max(1, units);
        return java.util.Map.of("jvmMillis", jvmNanos / 1e6 / n,
                "postgresMillis", postgresNanos < 0 ? Double.NaN : postgresNanos / 1e6 / n);
    }

    /** The PostgreSQL processes' CPU in nanoseconds, or -1 if /proc shows none. */
    private static long postgres() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        boolean found = false;
        try (Stream<Path> processes = Files.list(proc)) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open || !stat.substring(open + 1, close).startsWith("postgres")) {
                    continue;
                }
                // after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
                // cutime cstime
                String[] fields = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                        + Long.parseLong(fields[14]);
                found = true;
            }
        } catch (IOException e) {
            return -1;
        }
        return found ? ticks * (1_000_000_000L / TICKS_PER_SECOND) : -1;
    }
}
