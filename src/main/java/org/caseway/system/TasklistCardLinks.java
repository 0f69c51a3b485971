package org.caseway.system;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.hal.Hal;
import org.camunda.bpm.engine.rest.hal.cache.DefaultHalResourceCache;
import org.camunda.bpm.engine.rest.hal.cache.HalRelationCacheBootstrap;
import org.camunda.bpm.engine.rest.hal.cache.HalRelationCacheConfiguration;
import org.camunda.bpm.engine.rest.hal.group.HalGroup;
import org.camunda.bpm.engine.rest.hal.processDefinition.HalProcessDefinition;
import org.camunda.bpm.engine.rest.hal.user.HalUser;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's HAL relation cache for Tasklist's task lists: each list request embeds the process definition of every
 * card (its process name) and the people it names (assignee, owner), and without the cache reads them with a query
 * at every request. With it, a node reads each once per {@code caseway.tasklist.card-links-time-to-live}. The cache
 * is Camunda's, one per JVM, and serves both engine APIs (/engine-rest and the webapps' own, which Tasklist calls).
 *
 * <p>What it serves without asking the database again: process definitions, which every case worker may read
 * ({@code RoleBootstrap}), and staff names and e-mail addresses, which they may read as well; never client data.
 * A change to a person or a new process version shows on the cards within the time to live.
 */
@Configuration
class TasklistCardLinks {

    /** At most this many entries of each kind: every process definition and every staff member of an agency. */
    static final int CAPACITY = 5_000;

    @Bean
    ServletContextInitializer tasklistCardLinksCache(CasewayProperties properties) {
        long seconds = properties.tasklist().cardLinksTimeToLive().toSeconds();
        return servletContext -> {
            if (seconds == 0) {
                // 0: no cache, Camunda's default (the cache is one per JVM: drop one an earlier context made)
                Hal.getInstance().destroyHalRelationCaches();
                return;
            }
            HalRelationCacheConfiguration configuration = new HalRelationCacheConfiguration();
            configuration.setCacheImplementationClass(DefaultHalResourceCache.class);
            for (Class<?> linked : new Class<?>[] {HalProcessDefinition.class, HalUser.class, HalGroup.class}) {
                Map<String, Object> cache = new LinkedHashMap<>();
                cache.put("capacity", CAPACITY);
                cache.put("secondsToLive", seconds);
                configuration.addCacheConfiguration(linked, cache);
            }
            new HalRelationCacheBootstrap().configureCaches(configuration);
        };
    }
}
