package org.caseway.system;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Error answers of the engine's REST API (/engine-rest, Jersey) that Caseway changes: a concurrent change is a
 * 409 Conflict ({@link ConcurrentChangeMapper}); every other error keeps Camunda's status and body.
 */
@Configuration
class EngineRestErrorsConfig {

    @Bean
    ResourceConfigCustomizer concurrentChangeIsAConflict() {
        return config -> config.register(ConcurrentChangeMapper.OfRestException.class)
                .register(ConcurrentChangeMapper.OfEngineException.class);
    }
}
