package org.caseway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caseway.CasewayApplication;
import org.caseway.notification.Notice;
import org.caseway.notification.Notifications;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Everyone reads and marks only their own in-app notifications; someone else's is "not found". */
@SpringBootTest(classes = CasewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
class NotificationRestTest {

    @Autowired
    TestRestTemplate rest;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcClient jdbc;

    @Test
    void eachUserSeesAndMarksOnlyTheirOwnNotifications() {
        RestClient api = new RestClient(rest);
        String caseNumber = "CW-R-" + UUID.randomUUID().toString().substring(0, 8);
        notifications.toUser("mary", new Notice("SLA_REMINDER", caseNumber, "Intake screening is due soon", "Due at 10:00."));
        notifications.toUser("mary", new Notice("SLA_ESCALATION", caseNumber, "Intake screening is overdue", "Due at 10:00."));
        notifications.toUser("sam", new Notice("SLA_ESCALATION", caseNumber, "A task of your team is overdue", "Due at 10:00."));

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT COUNT(*) FROM in_app_notification WHERE case_number = ?").param(caseNumber).query(Long.class).single() == 3);
        assertThat(jdbc.sql("SELECT DISTINCT channel FROM notification_outbox WHERE case_number = ?").param(caseNumber)
                .query(String.class).list()).as("no mail host in the test profile: in-app only").containsExactly("IN_APP");

        List<JsonNode> mary = items(api, "mary", "", caseNumber);
        assertThat(mary).extracting(n -> n.get("subject").asText())
                .as("newest first").containsExactly("Intake screening is overdue", "Intake screening is due soon");
        assertThat(mary).allSatisfy(n -> {
            assertThat(n.get("kind").asText()).startsWith("SLA_");
            assertThat(n.has("readAt")).isFalse();
        });
        List<JsonNode> sam = items(api, "sam", "", caseNumber);
        assertThat(sam).extracting(n -> n.get("subject").asText()).containsExactly("A task of your team is overdue");
        long samsId = sam.get(0).get("id").asLong();
        long marysId = mary.get(0).get("id").asLong();

        ResponseEntity<String> foreign = api.call("mary", HttpMethod.POST, "/api/notifications/" + samsId + "/read", null);
        assertThat(foreign.getStatusCode().value()).isEqualTo(404);
        assertThat(api.read(foreign).get("status").asInt()).isEqualTo(404);
        assertThat(api.call("mary", HttpMethod.POST, "/api/notifications/999999999/read", null).getStatusCode().value())
                .isEqualTo(404);
        assertThat(items(api, "sam", "&unreadOnly=true", caseNumber)).extracting(n -> n.get("id").asLong())
                .containsExactly(samsId);

        assertThat(api.call("mary", HttpMethod.POST, "/api/notifications/" + marysId + "/read", null).getStatusCode().value())
                .isEqualTo(204);
        assertThat(items(api, "mary", "&unreadOnly=true", caseNumber)).extracting(n -> n.get("id").asLong())
                .doesNotContain(marysId).hasSize(1);
        JsonNode read = items(api, "mary", "", caseNumber).get(0);
        assertThat(read.get("id").asLong()).isEqualTo(marysId);
        String readAt = read.get("readAt").asText();
        assertThat(api.call("mary", HttpMethod.POST, "/api/notifications/" + marysId + "/read", null).getStatusCode().value())
                .as("marking again changes nothing").isEqualTo(204);
        assertThat(items(api, "mary", "", caseNumber).get(0).get("readAt").asText()).isEqualTo(readAt);

        assertThat(api.call(null, HttpMethod.GET, "/api/notifications", null).getStatusCode().value()).isEqualTo(401);
        assertThat(api.call("mary", HttpMethod.GET, "/api/notifications?size=1000", null).getStatusCode().value()).isEqualTo(400);
    }

    /** The user's notifications about this case (other tests may notify the same people about theirs). */
    private static List<JsonNode> items(RestClient api, String user, String query, String caseNumber) {
        ResponseEntity<String> response = api.call(user, HttpMethod.GET, "/api/notifications?size=100" + query, null);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        api.read(response).get("items").forEach(n -> {
            if (caseNumber.equals(n.path("caseNumber").asText())) {
                items.add(n);
            }
        });
        return items;
    }
}
