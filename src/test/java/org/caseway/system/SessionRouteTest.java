package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** Session ids carry the node's route (docker/nginx.conf sends a session back to its node by it). */
class SessionRouteTest {

    private static final String ROUTE = "caseway.session-route";

    @Test
    void sessionIdsEndWithTheRoute() throws Exception {
        assertThat(sessionCookie(new SessionRoute(configuration(Map.of(ROUTE, "b")))))
                .hasValueSatisfying(id -> assertThat(id).endsWith(".b"));
    }

    @Test
    void withoutARouteSessionIdsAreTomcatsOwn() throws Exception {
        CasewayProperties shipped = configuration(Map.of());

        assertThat(shipped.sessionRoute()).isEmpty();
        assertThat(sessionCookie(new SessionRoute(shipped))).hasValueSatisfying(id -> assertThat(id).doesNotContain("."));
    }

    @Test
    void aRouteThatCannotGoIntoACookieStopsTheStart() {
        for (String route : List.of("a;b", "node a", "x".repeat(33))) {
            assertThatThrownBy(() -> configuration(Map.of(ROUTE, route))).as(route)
                    .isInstanceOf(BindException.class).cause().isInstanceOf(BindValidationException.class)
                    .hasMessageContaining("sessionRoute").hasMessageContaining("letters, digits");
        }
    }

    /** The shipped application.yaml with {@code overrides} on top, bound and validated as at start-up. */
    private static CasewayProperties configuration(Map<String, Object> overrides) throws IOException {
        List<PropertySource<?>> sources = new ArrayList<>();
        sources.add(new MapPropertySource("overrides", overrides));
        // the first document: the settings of every profile
        sources.add(new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml")).get(0));
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Binder binder = new Binder(ConfigurationPropertySources.from(sources),
                    new PropertySourcesPlaceholdersResolver(sources));
            return binder.bindOrCreate("caseway", Bindable.of(CasewayProperties.class),
                    new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator())));
        }
    }

    private static Optional<String> sessionCookie(SessionRoute route) throws Exception {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        route.customize(factory);
        WebServer server = factory.getWebServer(servletContext -> servletContext
                .addServlet("session", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                        request.getSession(true);
                    }
                })
                .addMapping("/"));
        server.start();
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + "/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.headers().allValues("Set-Cookie").stream()
                    .filter(cookie -> cookie.startsWith("JSESSIONID="))
                    .map(cookie -> cookie.substring("JSESSIONID=".length(), cookie.indexOf(';')))
                    .findFirst();
        } finally {
            server.stop();
        }
    }
}
