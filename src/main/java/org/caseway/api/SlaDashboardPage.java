package org.caseway.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The supervisors' SLA dashboard at /sla/: a static page (static/sla/) that logs in itself and reads
 * only the authenticated /api/sla endpoints, so the page holds no figures of its own.
 */
@Configuration
class SlaDashboardPage implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/sla", "/sla/");
        registry.addViewController("/sla/").setViewName("forward:/sla/index.html");
    }
}
