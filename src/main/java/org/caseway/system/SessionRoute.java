package org.caseway.system;

import org.apache.catalina.Container;
import org.apache.catalina.Engine;
import org.apache.catalina.Lifecycle;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Marks this node's HTTP session ids with a route, {@code caseway.session-route}
 * ({@code CASEWAY_SESSION_ROUTE}): Tomcat appends {@code .<route>} to every session id, so a reverse
 * proxy in front of several nodes sends a Tasklist, Cockpit or Admin session (login and CSRF token
 * live in the node's session) back to the node that holds it; docker/nginx.conf routes on it.
 * Unset (the default) changes nothing. Tomcat 10.1 no longer reads the {@code jvmRoute} system
 * property, so the route is set on Tomcat's engine before the web application starts.
 */
@Component
class SessionRoute implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final String route;

    /** The route is validated with the rest of the configuration ({@link CasewayProperties#sessionRoute()}). */
    SessionRoute(CasewayProperties properties) {
        this.route = properties.sessionRoute() == null ? "" : properties.sessionRoute();
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (route.isEmpty()) {
            return;
        }
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                // context -> host -> engine; the session manager takes the engine's route when it starts
                for (Container container = context; container != null; container = container.getParent()) {
                    if (container instanceof Engine engine) {
                        engine.setJvmRoute(route);
                    }
                }
            }
        }));
    }
}
