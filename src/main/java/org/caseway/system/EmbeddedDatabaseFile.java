package org.caseway.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The size of the embedded H2 database's file, for operators ({@value #NAME}, in bytes): with {@code WRITE_DELAY=0}
 * H2 writes a new chunk at every commit and compacts only offline, so under sustained load the file outgrows its data
 * (README "The embedded H2 file"). Registered only when Caseway runs on an H2 file; PostgreSQL has exporters of its
 * own.
 */
@Component
class EmbeddedDatabaseFile {

    static final String NAME = "caseway.database.file.size";

    private static final String H2 = "jdbc:h2:";

    EmbeddedDatabaseFile(@Value("${spring.datasource.url:}") String url, MeterRegistry registry) {
        // held strongly: a gauge holds its object weakly, and nothing else holds this path
        file(url).ifPresent(file -> Gauge.builder(NAME, file, EmbeddedDatabaseFile::size).strongReference(true)
                .baseUnit("bytes").description("Size of the embedded H2 database file").register(registry));
    }

    /** The H2 file of this JDBC URL ({@code jdbc:h2:file:./data/caseway;...} → {@code ./data/caseway.mv.db}). */
    static Optional<Path> file(String url) {
        if (url == null || !url.regionMatches(true, 0, H2, 0, H2.length())) {
            return Optional.empty();
        }
        String name = url.substring(H2.length());
        int settings = name.indexOf(';');
        name = settings < 0 ? name : name.substring(0, settings);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")
                || lower.matches("^[a-z]{2,}:.*")) {
            // in memory, a server's database, or another file system (zip:, nio:, ...): no file of ours to watch
            return Optional.empty();
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".mv.db"));
    }

    private static double size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException notYetOrGone) {
            return 0;
        }
    }
}
