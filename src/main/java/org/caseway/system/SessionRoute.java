package org.caseway.system;

import java.util.regex.Pattern;
import org.apache.catalina.Container;
import org.apache.catalina.Engine;
import org.apache.catalina.Lifecycle;
import org.springframework.beans.factory.annotation.Value;
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

    /** letters, digits, '-' and '_': it goes into the session cookie and the proxy's match on it */
    static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String route;

    SessionRoute(@Value("${caseway.session-route:}") String route) {
        if (!route.isEmpty() && !VALID.matcher(route).matches()) {
            throw new IllegalArgumentException("caseway.session-route must be 1 to 32 letters, digits, '-' or '_'");
        }
        this.route = route;
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
