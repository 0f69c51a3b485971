package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/** Session ids carry the node's route (docker/nginx.conf sends a session back to its node by it). */
class SessionRouteTest {

    @Test
    void sessionIdsEndWithTheRoute() throws Exception {
        assertThat(sessionCookie(new SessionRoute("b"))).hasValueSatisfying(id -> assertThat(id).endsWith(".b"));
    }

    @Test
    void withoutARouteSessionIdsAreTomcatsOwn() throws Exception {
        assertThat(sessionCookie(new SessionRoute(""))).hasValueSatisfying(id -> assertThat(id).doesNotContain("."));
    }

    @Test
    void aRouteThatCannotGoIntoACookieStopsTheStart() {
        assertThatThrownBy(() -> new SessionRoute("a;b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("caseway.session-route");
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
