package org.caseway.system;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * With {@code caseway.test.database=postgres} (see {@link TestDatabase}), a Spring Boot test context of the
 * {@code test} profile, which would get an in-memory H2 database of its own (application-test.yaml), gets a fresh
 * PostgreSQL database of its own instead, and the {@code postgres} profile as in production. Registered for the
 * tests in src/test/resources/META-INF/spring.factories, so no test class needs to know; contexts without the
 * {@code test} profile (PostgresProfileTest, the Caseway processes that tests start) are left alone.
 *
 * <p>Runs before the config data is loaded, so that application.yaml's postgres profile is loaded too. Its
 * datasource properties rank below the test's own inlined properties and above every configuration file (the
 * test profile's H2 URL included).
 */
public class TestDatabaseEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String PROPERTY_SOURCE = "caseway-test-database";
    /** Spring's TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME ({@code @SpringBootTest(properties)}). */
    private static final String INLINED_TEST_PROPERTIES = "Inlined Test Properties";

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!TestDatabase.postgres() || !requestedProfiles(environment).contains("test")) {
            return;
        }
        String database = TestDatabase.create();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", TestDatabase.url(database));
        properties.put("spring.datasource.username", TestDatabase.USER);
        properties.put("spring.datasource.password", "");
        // the test JVM caches a context per configuration, each with its own pool: idle connections are given back
        // after 10 s (the server allows 100 connections in all)
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        MapPropertySource source = new MapPropertySource(PROPERTY_SOURCE, properties);
        MutablePropertySources sources = environment.getPropertySources();
        if (sources.contains(INLINED_TEST_PROPERTIES)) {
            sources.addAfter(INLINED_TEST_PROPERTIES, source);
        } else {
            sources.addFirst(source);
        }
        Set<String> additional = new LinkedHashSet<>(application.getAdditionalProfiles());
        additional.add("postgres");
        application.setAdditionalProfiles(additional.toArray(String[]::new));
    }

    /** The profiles asked for before the config data is loaded: {@code @ActiveProfiles} and spring.profiles.active. */
    private static Set<String> requestedProfiles(ConfigurableEnvironment environment) {
        Set<String> profiles = new LinkedHashSet<>(Arrays.asList(environment.getActiveProfiles()));
        Binder.get(environment).bind("spring.profiles.active", Bindable.setOf(String.class)).ifBound(profiles::addAll);
        return profiles;
    }
}
