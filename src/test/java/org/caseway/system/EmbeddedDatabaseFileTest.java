package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded H2 file's size for operators: found from the datasource's URL, read when scraped. */
class EmbeddedDatabaseFileTest {

    @TempDir
    Path dir;

    @Test
    void theSizeOfTheH2FileIsReadAtEachScrape() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("caseway") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new EmbeddedDatabaseFile(url, registry);
        assertThat(size(registry)).as("no file yet").isZero();

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.execute("create table grows (id int primary key, v varchar(1000))");
            statement.execute("insert into grows select x, repeat('x', 1000) from system_range(1, 2000)");
            statement.execute("checkpoint");
            double size = size(registry);
            assertThat(size).isEqualTo((double) Files.size(dir.resolve("caseway.mv.db"))).isGreaterThan(100_000);
            assertThat(registry.get(EmbeddedDatabaseFile.NAME).gauge().getId().getBaseUnit()).isEqualTo("bytes");
        }
    }

    @Test
    void onlyAnH2FileIsWatched() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new EmbeddedDatabaseFile("jdbc:h2:mem:caseway;DB_CLOSE_DELAY=-1", registry);
        new EmbeddedDatabaseFile("jdbc:postgresql://127.0.0.1:5432/caseway", registry);
        new EmbeddedDatabaseFile("jdbc:h2:tcp://localhost/~/caseway", registry);
        new EmbeddedDatabaseFile("", registry);
        assertThat(registry.find(EmbeddedDatabaseFile.NAME).gauge()).isNull();
    }

    @Test
    void theFileOfEachFormOfH2FileUrl() {
        assertThat(EmbeddedDatabaseFile.file("jdbc:h2:file:./data/caseway;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"))
                .contains(Path.of("./data/caseway.mv.db"));
        assertThat(EmbeddedDatabaseFile.file("jdbc:h2:/srv/caseway/db")).contains(Path.of("/srv/caseway/db.mv.db"));
        assertThat(EmbeddedDatabaseFile.file("JDBC:H2:FILE:/srv/db")).contains(Path.of("/srv/db.mv.db"));
        assertThat(EmbeddedDatabaseFile.file("jdbc:h2:~/caseway"))
                .contains(Path.of(System.getProperty("user.home") + "/caseway.mv.db"));
        assertThat(EmbeddedDatabaseFile.file("jdbc:h2:zip:/backups/db.zip!/caseway")).isEmpty();
    }

    private static double size(SimpleMeterRegistry registry) {
        return registry.get(EmbeddedDatabaseFile.NAME).gauge().value();
    }
}
