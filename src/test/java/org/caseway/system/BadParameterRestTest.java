package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.caseway.CasewayApplication;
import org.caseway.support.TasklistSession;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * A number parameter that is not a number is a 400 naming the parameter, on the REST API, in the webapps' engine API
 * (Tasklist) and in Cockpit's plugin API; JAX-RS alone answers 404 "HTTP 404 Not Found".
 */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class BadParameterRestTest {

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPageSizeThatIsNotANumberIsABadRequestNamingIt() throws Exception {
        assertBadParameter(restAsMary("/engine-rest/task?firstResult=0&maxResults=ten"), "maxResults");
        assertBadParameter(restAsMary("/engine-rest/history/task?firstResult=x&maxResults=10"), "firstResult");
    }

    @Test
    void tasklistAndCockpitGetTheSameAnswer() throws Exception {
        TasklistSession mary = TasklistSession.login(port, "mary", "demo");
        assertBadParameter(mary.get(TasklistSession.ENGINE_API + "/task?firstResult=0&maxResults=ten"), "maxResults");

        TasklistSession demo = TasklistSession.login(port, "demo", "demo");
        assertBadParameter(demo.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics?firstResult=ten"),
                "firstResult");
    }

    @Test
    void goodNumbersStillWork() throws Exception {
        assertThat(restAsMary("/engine-rest/task?firstResult=0&maxResults=10").statusCode()).isEqualTo(200);
    }

    private void assertBadParameter(HttpResponse<String> response, String parameter) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = json.readTree(response.body());
        assertThat(error.get("type").asText()).isEqualTo("InvalidRequestException");
        assertThat(error.get("message").asText()).contains("'" + parameter + "'", "a whole number")
                .doesNotContain("ten", "at org.");
    }

    private HttpResponse<String> restAsMary(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "mary:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
