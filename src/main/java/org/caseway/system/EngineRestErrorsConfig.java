package org.caseway.system;

import jakarta.servlet.ServletRegistration;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappInitializer;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.server.ConfigurableServletWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Error answers of the engine's REST API that Caseway changes: a concurrent change is a 409 Conflict
 * ({@link ConcurrentChangeMapper}), a task that does not exist a 404 ({@link TaskNotFoundMapper}), a request
 * Caseway refused a 400 where Camunda says 500 ({@link RequestRefusedMapper}) and a parameter that does not convert
 * to its type a 400 naming it where JAX-RS says 404 ({@link BadParameterMapper}); every other error keeps Camunda's
 * status and body. The engine's REST API is served twice, and both get the same mappers:
 * <ul>
 * <li>/engine-rest, the REST starter's Jersey application in Spring Boot's Jersey servlet: through a
 * {@link ResourceConfigCustomizer};</li>
 * <li>/camunda/api/engine, the webapps' own engine API that Tasklist and Cockpit call: the webapp starter's
 * {@link CamundaBpmWebappInitializer} registers it as the servlet {@value #WEBAPP_ENGINE_API} (Jersey's
 * ServletContainer with Camunda's EngineRestApplication, a plain JAX-RS Application outside Spring), so there is no
 * ResourceConfig to customize. Jersey adds to such an application the providers named by the servlet's init
 * parameter {@value ServerProperties#PROVIDER_CLASSNAMES}; Caseway sets it on Camunda's registration once Camunda has
 * made it. Initializers added to the web server factory run after the ServletContextInitializer beans, Camunda's
 * among them; should that change, or Camunda rename the servlet or set the parameter itself, the start fails here
 * instead of Tasklist silently getting 500s again.</li>
 * </ul>
 */
@Configuration
class EngineRestErrorsConfig {

    /** The name under which Camunda's webapp starter (7.24) registers the webapps' engine API servlet. */
    static final String WEBAPP_ENGINE_API = "Engine Api";

    /**
     * The webapps' engine API and their plugin APIs (Cockpit's statistics and searches, Admin's, Tasklist's), each a
     * Jersey servlet of its own (7.24 names); the plugin APIs need only the parameter mapper, the others never match
     * there.
     */
    static final List<String> WEBAPP_APIS = List.of(WEBAPP_ENGINE_API, "Cockpit Api", "Admin Api", "Tasklist Api",
            "Welcome Api");

    static final List<Class<?>> MAPPERS = List.of(
            ConcurrentChangeMapper.OfRestException.class, ConcurrentChangeMapper.OfEngineException.class,
            TaskNotFoundMapper.OfRestException.class, TaskNotFoundMapper.OfEngineException.class,
            TaskNotFoundMapper.OfNullPointer.class, RequestRefusedMapper.class, BadParameterMapper.class);

    @Bean
    ResourceConfigCustomizer engineRestErrors() {
        return config -> MAPPERS.forEach(config::register);
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableServletWebServerFactory> webappEngineApiErrors(
            ObjectProvider<CamundaBpmWebappInitializer> webapps) {
        return factory -> factory.addInitializers(servletContext -> {
            if (webapps.getIfAvailable() == null) {
                return; // webapps turned off (camunda.bpm.webapp.enabled=false): no engine API of theirs
            }
            String providers = MAPPERS.stream().map(Class::getName).collect(Collectors.joining(","));
            for (String name : WEBAPP_APIS) {
                ServletRegistration api = servletContext.getServletRegistration(name);
                if (api == null) {
                    throw new IllegalStateException("Camunda's webapp starter registered no servlet '" + name
                            + "': Caseway's error answers cannot be added to the webapps' APIs (Tasklist, Cockpit)");
                }
                if (!api.setInitParameter(ServerProperties.PROVIDER_CLASSNAMES, providers)) {
                    throw new IllegalStateException("The servlet '" + name + "' already has the init parameter "
                            + ServerProperties.PROVIDER_CLASSNAMES + " (" + api.getInitParameter(
                            ServerProperties.PROVIDER_CLASSNAMES) + "): Caseway's error mappers would replace it");
                }
            }
        });
    }
}
