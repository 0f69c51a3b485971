package org.caseway.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A person logged into Camunda Tasklist, calling the webapp's own engine API ({@code /camunda/api/engine/engine/default/...})
 * the way Tasklist's JavaScript does: a session cookie from the webapp login, and on every change the CSRF token of
 * the {@code XSRF-TOKEN} cookie sent back in the {@code X-XSRF-TOKEN} header. No HTTP Basic: that is /engine-rest's.
 */
public final class TasklistSession {

    public static final String ENGINE_API = "/camunda/api/engine/engine/default";
    private static final String CSRF_COOKIE = "XSRF-TOKEN";
    private static final String CSRF_HEADER = "X-XSRF-TOKEN";

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    private TasklistSession(int port) {
        this.base = "http://localhost:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Opens Tasklist and logs in through its login form's request; fails unless the webapp accepts the login. */
    public static TasklistSession login(int port, String user, String password) {
        TasklistSession session = new TasklistSession(port);
        // opening Tasklist gives the session its CSRF token cookie, as in a browser
        session.send(HttpRequest.newBuilder(session.uri("/camunda/app/tasklist/default/")).GET());
        HttpResponse<String> login = session.send(session.withCsrfToken(HttpRequest.newBuilder(
                        session.uri("/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password))));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("Tasklist login of " + user + ": " + login.statusCode() + " " + login.body());
        }
        // the login starts a new session with a new CSRF token, which the webapp hands out on the next request:
        // Tasklist's is the question who is logged in
        HttpResponse<String> who = session.get("/camunda/api/admin/auth/user/default");
        if (who.statusCode() != 200 || !who.body().contains("\"" + user + "\"")) {
            throw new IllegalStateException("Tasklist session of " + user + ": " + who.statusCode() + " " + who.body());
        }
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json").GET());
    }

    /** A change as Tasklist sends it: JSON, with the session's CSRF token. */
    public HttpResponse<String> post(String path, String json) {
        return send(withCsrfToken(HttpRequest.newBuilder(uri(path)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The same change without the CSRF token (what a forged cross-site request would send). */
    public HttpResponse<String> postWithoutCsrfToken(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder withCsrfToken(HttpRequest.Builder request) {
        return cookies.getCookieStore().getCookies().stream().filter(cookie -> CSRF_COOKIE.equals(cookie.getName()))
                .map(HttpCookie::getValue).reduce((first, last) -> last)
                .map(token -> request.header(CSRF_HEADER, token)).orElse(request);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
