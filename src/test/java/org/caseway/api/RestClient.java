package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** Calls Caseway's API and the engine's REST API as a given user, the way clients do. */
public final class RestClient {

    public static final String NEW_CASE = """
            {"client": {"firstName": "Ana", "lastName": "Lopez", "dateOfBirth": "1980-05-01",
                        "preferredLanguage": "es", "phone": "+1 555 0100", "email": "ana@example.org"},
             "caseType": "%s", "referralSource": "GP referral", "presentingNeeds": "Low mood, rent arrears",
             "priority": "ROUTINE"}""";

    private final TestRestTemplate rest;
    private final ObjectMapper json = new ObjectMapper();

    public RestClient(TestRestTemplate rest) {
        this.rest = rest;
    }

    public ResponseEntity<String> call(String user, HttpMethod method, String path, String body) {
        return call(user, method, path, body, null);
    }

    /** A call that accepts this media type, Tasklist's {@code application/hal+json} for one. */
    public ResponseEntity<String> call(String user, HttpMethod method, String path, String body, String accept) {
        HttpHeaders headers = new HttpHeaders();
        if (user != null) {
            headers.setBasicAuth(user, "demo");
        }
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (accept != null) {
            headers.set(HttpHeaders.ACCEPT, accept);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    public JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + response.getBody(), e);
        }
    }

    public String openCase(String user, String caseType) {
        ResponseEntity<String> response = call(user, HttpMethod.POST, "/api/cases", NEW_CASE.formatted(caseType));
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return read(response).get("caseNumber").asText();
    }

    public JsonNode caseDetails(String user, String caseNumber) {
        ResponseEntity<String> response = call(user, HttpMethod.GET, "/api/cases/" + caseNumber, null);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return read(response);
    }

    public long totalCases() {
        return read(call("demo", HttpMethod.GET, "/api/cases?size=1", null)).get("total").asLong();
    }

    /** The id of the one open task with this key of the case, through /engine-rest. */
    public String taskId(String user, String caseNumber, String taskKey) {
        JsonNode tasks = read(call(user, HttpMethod.GET, "/engine-rest/task?processInstanceBusinessKey=" + caseNumber
                + "&taskDefinitionKey=" + taskKey + "&maxResults=10", null));
        assertThat(tasks.size()).as("open %s tasks of %s", taskKey, caseNumber).isEqualTo(1);
        return tasks.get(0).get("id").asText();
    }

    /** Completes the case's open task with these form values through /engine-rest; returns the response. */
    public ResponseEntity<String> submit(String user, String caseNumber, String taskKey, Map<String, Object> values) {
        return submitTask(user, taskId(user, caseNumber, taskKey), values);
    }

    public ResponseEntity<String> submitTask(String user, String taskId, Map<String, Object> values) {
        return call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/complete", variables(values));
    }

    /** The body of a task's completion (or form submission) with these values, untyped as Tasklist sends them. */
    public String variables(Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((name, value) -> variables.put(name, Map.of("value", value)));
        try {
            return json.writeValueAsString(Map.of("variables", variables));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Form values from name, value pairs, in order. */
    public static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public void complete(String user, String caseNumber, String taskKey, Map<String, Object> values) {
        ResponseEntity<String> response = submit(user, caseNumber, taskKey, values);
        assertThat(response.getStatusCode().value()).as("%s: %s", taskKey, response.getBody()).isEqualTo(204);
    }
}
