package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import javax.sql.DataSource;
import org.caseway.CasewayApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The suite runs on the database it was asked for (TestDatabase): a PostgreSQL run that silently fell back to
 * H2 would pass without testing anything on PostgreSQL. The configuration is the REST tests', so the context is
 * theirs from the cache.
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class TestDatabaseTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    Environment environment;

    @Test
    void theContextIsOnTheChosenDatabase() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String url = connection.getMetaData().getURL();
            if (TestDatabase.postgres()) {
                assertThat(product).isEqualTo("PostgreSQL");
                assertThat(url).startsWith(TestDatabase.SERVER + TestDatabase.PREFIX);
                assertThat(environment.getActiveProfiles()).contains("postgres", "test");
            } else {
                assertThat(product).isEqualTo("H2");
                assertThat(url).startsWith("jdbc:h2:mem:caseway-");
                assertThat(environment.getActiveProfiles()).doesNotContain("postgres");
            }
        }
    }
}
