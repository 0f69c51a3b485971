package org.caseway.notification;

import static org.caseway.support.ChildJvm.classPath;
import static org.caseway.support.ChildJvm.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.caseway.CasewayApplication;
import org.caseway.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notices leave through the outbox: written in the engine's transaction, sent after commit by a
 * real SMTP conversation (GreenMail in this JVM) and recorded in-app, once however often a row is
 * dispatched. The scheduled sweep is pushed out of the way (PT1H); the tests sweep themselves.
 * This context's engine has its own name: under "default" it would replace, in the engine
 * registry, the engine that the REST tests' authentication filter looks up.
 */
@SpringBootTest(classes = CasewayApplication.class, properties = {
        "camunda.bpm.process-engine-name=notifications",
        "spring.mail.host=127.0.0.1",
        "caseway.notifications.from=caseway@caseway.example",
        "caseway.notifications.dispatch-interval=PT1H",
        "caseway.notifications.max-attempts=3",
        "caseway.notifications.retry-backoff=PT2S",
        "caseway.notifications.max-retry-backoff=PT3S"})
@ActiveProfiles({"demo", "test"})
@ExtendWith(OutputCaptureExtension.class)
class NotificationOutboxTest {

    private static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    record Row(long id, String channel, String recipient, String status, int attempts, String lastError) {
    }

    @Autowired
    Notifications notifications;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IdentityService identityService;
    @Autowired
    ProcessEngineConfigurationImpl engine;
    @Autowired
    Outbox outbox;
    @Autowired
    InAppChannel inAppChannel;
    @Autowired
    PlatformTransactionManager transactions;

    String caseNumber;

    @BeforeEach
    void newCase() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        caseNumber = "CW-N-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aCommittedNoticeArrivesOnceByMailAndOnceInApp() throws Exception {
        inEngineTransaction(() -> notifications.toUser("mary", reminder()));

        await().atMost(Duration.ofSeconds(10)).until(() -> settled(rows()));
        assertThat(rows()).extracting(Row::channel, Row::recipient, Row::status, Row::attempts)
                .containsExactlyInAnyOrder(
                        tuple("EMAIL", "mary", "SENT", 0),
                        tuple("IN_APP", "mary", "SENT", 0));
        List<MimeMessage> mails = mails();
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(mail.getSubject()).isEqualTo("[" + caseNumber + "] Reminder: intake screening is due");
        assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("mary@caseway.example");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("caseway@caseway.example");
        assertThat(GreenMailUtil.getBody(mail)).contains("due since 09:00");
        assertThat(inApp()).containsExactly("mary");

        dispatcher.sweep();
        dispatcher.sweep();
        assertThat(mails()).hasSize(1);
        assertThat(inApp()).hasSize(1);
    }

    @Test
    void anInAppNoticeIsInTheInboxAsItsTransactionCommitsWithNothingLeftForTheNotificationThread() throws Exception {
        inEngineTransaction(() -> {
            notifications.toUser("mary", reminder());
            assertThat(inApp()).as("recorded with the caller's work").containsExactly("mary");
            assertThat(rows()).filteredOn(r -> r.channel().equals("IN_APP")).extracting(Row::status)
                    .containsExactly("SENT");
        });

        assertThat(inApp()).containsExactly("mary");
        dispatcher.sweep();
        assertThat(inApp()).containsExactly("mary");
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM in_app_notification n JOIN notification_outbox o ON o.id = n.outbox_id
                WHERE o.case_number = ? AND o.channel = 'IN_APP' AND n.created_at = o.created_at
                  AND o.sent_at = o.created_at""").param(caseNumber).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aGroupNoticeReachesEveryMemberAndAUserWithoutAddressIsSkipped() throws Exception {
        String group = "notify-" + caseNumber.substring(5);
        String noAddress = "noaddress" + caseNumber.substring(5);
        identityService.saveGroup(identityService.newGroup(group));
        User user = identityService.newUser(noAddress);
        user.setPassword("unused-" + UUID.randomUUID());
        identityService.saveUser(user);
        for (String member : List.of("mary", "sam", noAddress)) {
            identityService.createMembership(member, group);
        }

        inEngineTransaction(() -> notifications.toGroup(group, reminder()));

        await().atMost(Duration.ofSeconds(10)).until(() -> settled(rows()));
        List<Row> rows = rows();
        assertThat(rows).hasSize(6);
        assertThat(rows).filteredOn(r -> r.channel().equals("IN_APP")).extracting(Row::status).containsOnly("SENT");
        assertThat(rows).filteredOn(r -> r.channel().equals("EMAIL") && r.recipient().equals(noAddress))
                .singleElement().satisfies(r -> {
                    assertThat(r.status()).isEqualTo("SKIPPED");
                    assertThat(r.lastError()).isEqualTo("the user has no e-mail address");
                });
        List<String> recipients = new ArrayList<>();
        for (MimeMessage mail : mails()) {
            recipients.add(mail.getRecipients(Message.RecipientType.TO)[0].toString());
        }
        assertThat(recipients).containsExactlyInAnyOrder("mary@caseway.example", "sam@caseway.example");
        assertThat(inApp()).containsExactlyInAnyOrder("mary", "sam", noAddress);

        dispatcher.sweep();
        assertThat(mails()).hasSize(2);
        assertThat(rows()).filteredOn(r -> r.recipient().equals(noAddress) && r.channel().equals("EMAIL"))
                .extracting(Row::status).containsExactly("SKIPPED");
    }

    @Test
    void aNoticeQueuedInATransactionThatRollsBackIsNeverSent() throws Exception {
        assertThatThrownBy(() -> inEngineTransaction(() -> {
            notifications.toUser("mary", reminder());
            assertThat(rows()).as("written in the engine's transaction").hasSize(2);
            throw new IllegalStateException("the job fails after queuing its notice");
        })).hasMessageContaining("the job fails");

        assertThat(rows()).isEmpty();
        dispatcher.sweep();
        assertThat(mails()).isEmpty();
        assertThat(inApp()).isEmpty();
    }

    @Test
    void aRowDispatchedTwiceAtOnceOrSweptAgainIsSentOnce() throws Exception {
        // rows a node left before it could send them, each dispatched by two threads at the same moment
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(insertRow("PENDING", null, null, "Reminder " + i));
        }
        for (long id : ids) {
            assertThat(atOnce(() -> dispatcher.dispatch(id), () -> dispatcher.dispatch(id))).as("row %d", id)
                    .containsExactlyInAnyOrder(true, false);
        }
        dispatcher.sweep();
        dispatcher.sweep();

        assertThat(mails()).extracting(MimeMessage::getSubject).hasSize(10).doesNotHaveDuplicates();
        assertThat(rows()).extracting(Row::status).containsOnly("SENT");
    }

    @Test
    void inAppRowsDispatchedByTwoThreadsAtOnceAreDeliveredOnceEachInBatches() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(insertRow("IN_APP", "PENDING", null, null, "Reminder " + i));
        }
        // both threads take every row, in opposite orders
        List<Long> reversed = new ArrayList<>(ids);
        Collections.reverse(reversed);
        List<Integer> delivered = atOnce(() -> dispatcher.dispatchAll(ids), () -> dispatcher.dispatchAll(reversed));
        assertThat(delivered.get(0) + delivered.get(1)).isEqualTo(150);
        assertThat(dispatcher.dispatchAll(ids)).isZero();
        dispatcher.sweep();

        assertThat(rows()).hasSize(150).extracting(Row::status, Row::attempts).containsOnly(tuple("SENT", 0));
        assertThat(jdbc.sql("SELECT outbox_id FROM in_app_notification WHERE case_number = ?").param(caseNumber)
                .query(Long.class).list()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(mails()).isEmpty();
    }

    @Test
    void oneSweepSendsEveryDueRowNotOneBatch() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 450; i++) {
            ids.add(insertRow("IN_APP", "PENDING", null, null, "Escalation " + i));
        }

        assertThat(dispatcher.sweep()).isGreaterThanOrEqualTo(450);

        assertThat(rows()).hasSize(450).extracting(Row::status).containsOnly("SENT");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM in_app_notification WHERE case_number = ?").param(caseNumber)
                .query(Long.class).single()).isEqualTo(450);
    }

    @Test
    void rowsHandedOverBeyondTheQueuesCapacityGoOutWithoutWaitingForTheScheduledSweep() throws Exception {
        // a burst of escalations has committed more rows than the notification thread's queue holds (10,000):
        // these 30 come after the queue is full (the other ids stand for rows handed over before them)
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(insertRow("IN_APP", "PENDING", null, null, "Escalation " + i));
        }
        List<Long> handedOver = new ArrayList<>(rows);
        for (long bogus = 1; bogus <= 10_000; bogus++) {
            handedOver.add(-bogus);
        }

        dispatcher.afterCommit(handedOver);

        // the scheduled sweep is an hour away in this context: a sweep queued at once sends them
        await().atMost(Duration.ofSeconds(20)).until(() -> rows().stream().allMatch(row -> "SENT".equals(row.status())));
        assertThat(jdbc.sql("SELECT outbox_id FROM in_app_notification WHERE case_number = ?").param(caseNumber)
                .query(Long.class).list()).containsExactlyInAnyOrderElementsOf(rows);
    }

    @Test
    void anInAppRowIsTakenOverWhenItsClaimIsStaleAndNeverRecordedTwice() throws Exception {
        long held = insertRow("IN_APP", "SENDING", OffsetDateTime.now().minusMinutes(1), "other-node", "Held by a live node");
        long stale = insertRow("IN_APP", "SENDING", OffsetDateTime.now().minusMinutes(10), "stopped-node", "Left by a stopped node");
        long recorded = insertRow("IN_APP", "SENDING", OffsetDateTime.now().minusMinutes(10), "stopped-node", "Recorded, not marked");
        // the stopped node had written this row's in-app record but not marked it sent
        jdbc.sql("""
                INSERT INTO in_app_notification (outbox_id, recipient, kind, case_number, subject, body, created_at)
                SELECT id, recipient, kind, case_number, subject, body, created_at FROM notification_outbox WHERE id = ?""")
                .param(recorded).update();

        assertThat(dispatcher.dispatchAll(List.of(held, stale, recorded))).isEqualTo(2);

        assertThat(rows()).extracting(Row::id, Row::status).containsExactlyInAnyOrder(
                tuple(held, "SENDING"), tuple(stale, "SENT"), tuple(recorded, "SENT"));
        assertThat(jdbc.sql("SELECT outbox_id FROM in_app_notification WHERE case_number = ?").param(caseNumber)
                .query(Long.class).list()).containsExactlyInAnyOrder(stale, recorded);
    }

    @Test
    void aClaimIsTakenOverOnlyWhenItIsOlderThanTheClaimTimeout() throws Exception {
        long held = insertRow("SENDING", OffsetDateTime.now().minusMinutes(1), "other-node", "Held by a live node");
        long stale = insertRow("SENDING", OffsetDateTime.now().minusMinutes(10), "stopped-node", "Left by a stopped node");

        dispatcher.sweep();

        assertThat(mails()).extracting(MimeMessage::getSubject).containsExactly("[" + caseNumber + "] Left by a stopped node");
        assertThat(rows()).extracting(Row::id, Row::status)
                .containsExactlyInAnyOrder(tuple(held, "SENDING"),
                        tuple(stale, "SENT"));
    }

    @Test
    void aFailedSendStaysPendingAndGoesOutWhenTheServerIsBack(CapturedOutput logs) throws Exception {
        smtp.stop();
        try {
            inEngineTransaction(() -> notifications.toUser("mary", reminder()));
            await().atMost(Duration.ofSeconds(20)).until(() -> email().attempts() == 1 && settled(inAppRows())
                    && logs.getOut().contains("Could not deliver notification " + email().id()));
            Row failed = email();
            assertThat(failed.status()).isEqualTo("PENDING");
            assertThat(failed.lastError()).isNotBlank().doesNotContain("due since").doesNotContain("\tat ");
            assertThat(inAppRows()).extracting(Row::status).containsExactly("SENT");
        } finally {
            smtp.start();
        }

        // the next sweep after its backoff sends it
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.sweep() >= 0 && "SENT".equals(email().status()));

        assertThat(mails()).hasSize(1);
        assertThat(email()).extracting(Row::status, Row::attempts).containsExactly("SENT", 1);
        assertThat(logs.getOut()).doesNotContain("due since").doesNotContain("intake screening is due");
    }

    @Test
    void aRowThatKeepsFailingIsFailedAfterTheLastAttempt() throws Exception {
        smtp.stop();
        try {
            inEngineTransaction(() -> notifications.toUser("mary", reminder()));
            await().atMost(Duration.ofSeconds(20)).until(() -> email().attempts() == 1);
            // not again before its backoff (2 s after the first failure, then 3 s: the cap)
            dispatcher.sweep();
            assertThat(email()).extracting(Row::status, Row::attempts).containsExactly("PENDING", 1);
            long failedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.sweep() >= 0 && email().attempts() == 2);
            assertThat(Duration.ofNanos(System.nanoTime() - failedAt)).isGreaterThan(Duration.ofMillis(500));
            assertThat(email().status()).isEqualTo("PENDING");
            dispatcher.sweep();
            assertThat(email()).extracting(Row::status, Row::attempts).containsExactly("PENDING", 2);
            await().atMost(Duration.ofSeconds(20)).until(() -> dispatcher.sweep() >= 0 && email().attempts() == 3);
            assertThat(email()).extracting(Row::status, Row::attempts).containsExactly("FAILED", 3);
        } finally {
            smtp.start();
        }
        dispatcher.sweep();
        assertThat(email()).extracting(Row::status, Row::attempts).containsExactly("FAILED", 3);
        assertThat(mails()).isEmpty();
    }

    /** Runs both on two threads released at the same moment; their results, in order. */
    private static <T> List<T> atOnce(Callable<T> first, Callable<T> second) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> results = new ArrayList<>();
            for (Callable<T> work : List.of(first, second)) {
                results.add(threads.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            return List.of(results.get(0).get(), results.get(1).get());
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * On PostgreSQL the sending side's statements are planned with their values each time, never from a plan the
     * connection cached: such a plan, made while the outbox held a few rows, read every row of it for each row marked
     * sent once a burst had filled it (833 million rows read in a burst of 10,000 escalations). Watched through
     * pg_prepared_statements of one transaction's connection, where the outbox's INSERT does get prepared.
     */
    @Test
    void onPostgresqlTheSendingSidesStatementsArePlannedWithTheirValues() {
        assumeTrue(TestDatabase.postgres(), "PostgreSQL's plan cache");
        List<String> prepared = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            OffsetDateTime now = OffsetDateTime.now();
            for (int i = 0; i < 8; i++) {
                long inApp = outbox.add(InAppChannel.NAME, "mary", reminder());
                long mail = outbox.add(EmailChannel.NAME, "mary", reminder());
                assertThat(outbox.due(now.plusSeconds(1), now.minusMinutes(5), 10_000)).contains(inApp, mail);
                assertThat(outbox.markSent(List.of(inApp), InAppChannel.NAME, now.plusSeconds(1), now.minusMinutes(5)))
                        .containsExactly(inApp);
                inAppChannel.deliverAll(List.of(inApp));
                assertThat(outbox.claim(mail, "plans-test", now.plusSeconds(1), now.minusMinutes(5))).isTrue();
                assertThat(outbox.message(mail)).isPresent();
                assertThat(outbox.failed(mail, "plans-test", "down", 3, now)).isEqualTo(Outbox.PENDING);
                assertThat(outbox.claim(mail, "plans-test", now.plusSeconds(1), now.minusMinutes(5))).isTrue();
                outbox.sent(mail, "plans-test", now);
            }
            return jdbc.sql("SELECT statement FROM pg_prepared_statements").query(String.class).list();
        });

        assertThat(prepared).anyMatch(sql -> sql.contains("INSERT INTO notification_outbox"));
        assertThat(prepared).filteredOn(sql -> sql.contains("notification_outbox") || sql.contains("in_app_notification"))
                .allMatch(sql -> sql.contains("INSERT INTO notification_outbox"));
    }

    private Notice reminder() {
        return new Notice("SLA_REMINDER", caseNumber, "Reminder: intake screening is due",
                "Intake screening of case " + caseNumber + " is due since 09:00.");
    }

    private void inEngineTransaction(Runnable work) {
        engine.getCommandExecutorTxRequired().execute(context -> {
            work.run();
            return null;
        });
    }

    private long insertRow(String status, OffsetDateTime claimedAt, String claimedBy, String subject) {
        return insertRow("EMAIL", status, claimedAt, claimedBy, subject);
    }

    private long insertRow(String channel, String status, OffsetDateTime claimedAt, String claimedBy, String subject) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO notification_outbox (channel, recipient, kind, case_number, subject, body, created_at,
                    status, claimed_at, claimed_by)
                VALUES (?, 'mary', 'SLA_REMINDER', ?, ?, 'Body', ?, ?, ?, ?)""")
                .params(channel, caseNumber, subject, OffsetDateTime.now(), status, claimedAt, claimedBy).update(keys, "id");
        return keys.getKey().longValue();
    }

    private List<Row> rows() {
        return jdbc.sql("""
                SELECT id, channel, recipient, status, attempts, last_error FROM notification_outbox
                WHERE case_number = ? ORDER BY id""").param(caseNumber)
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getString("channel"), rs.getString("recipient"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error")))
                .list();
    }

    private Row email() {
        return rows().stream().filter(r -> r.channel().equals("EMAIL")).findFirst().orElseThrow();
    }

    private List<Row> inAppRows() {
        return rows().stream().filter(r -> r.channel().equals("IN_APP")).toList();
    }

    private static boolean settled(List<Row> rows) {
        return !rows.isEmpty() && rows.stream().noneMatch(r -> r.status().equals("PENDING") || r.status().equals("SENDING"));
    }

    private List<String> inApp() {
        return jdbc.sql("SELECT recipient FROM in_app_notification WHERE case_number = ? ORDER BY id").param(caseNumber)
                .query(String.class).list();
    }

    private List<MimeMessage> mails() {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(caseNumber);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

}
