package org.caseway.system;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics are open to scrapers (/actuator/prometheus), so no tag may carry a case number or other
 * record data. Server requests are tagged by route template ({@code /api/cases/{caseNumber}}), but an
 * outgoing request's {@code uri} tag is the URL as called when the caller did not use a template:
 * it is dropped to "none" for every HTTP client metric.
 */
@Configuration
class MetricsPrivacy {

    static final String CLIENT_REQUESTS = "http.client.requests";

    @Bean
    MeterFilter noUrlsInHttpClientMetrics() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (id.getName().startsWith(CLIENT_REQUESTS) && id.getTag("uri") != null) {
                    return id.withTag(Tag.of("uri", "none"));
                }
                return id;
            }
        };
    }
}
