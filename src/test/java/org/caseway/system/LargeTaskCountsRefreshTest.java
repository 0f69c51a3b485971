package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.caseway.system.CasewayProperties.Engine.LargeTaskCountSettings;
import org.caseway.system.LargeTaskCounts.Binding;
import org.caseway.system.LargeTaskCounts.CountStatement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * How {@link LargeTaskCounts} makes kept counts again behind the requests: on the engine's pool, as many at once as
 * {@code refresh-threads}, a bounded number waiting; a refresh that fails (a broken pool, a database away) or finds no
 * room drops the count, so that its next request makes it, and logs neither the statement nor what it binds.
 */
@ExtendWith(OutputCaptureExtension.class)
class LargeTaskCountsRefreshTest {

    /** What a search may bind: a value that must not reach a log. */
    private static final String SEARCHED = "Jane Doe";
    private static final String SQL = "select count(*) from QUEUE where NAME_ = ?";

    final AtomicLong now = new AtomicLong(1_000);
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicReference<DataSource> pool = new AtomicReference<>();
    JdbcDataSource database;
    Connection keepOpen;
    LargeTaskCounts counts;

    @BeforeEach
    void aDatabaseWithAQueueOfFiveTasks() throws SQLException {
        database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:refresh-" + System.nanoTime());
        keepOpen = database.getConnection();
        try (Statement statement = keepOpen.createStatement()) {
            statement.execute("create table QUEUE (NAME_ varchar(64))");
            statement.execute("insert into QUEUE values ('" + SEARCHED + "'), ('" + SEARCHED + "'), ('"
                    + SEARCHED + "'), ('" + SEARCHED + "'), ('" + SEARCHED + "'), ('someone else')");
        }
        pool.set(database);
    }

    @AfterEach
    void stop() throws SQLException {
        if (counts != null) {
            counts.destroy();
        }
        keepOpen.close();
    }

    @Test
    void aRefreshOnThePoolMakesTheCountAgainWithTheValuesItBinds() throws Exception {
        start(1);
        Object madeAgain = keptAndDue("mary", 4);

        counts.refresh("mary", statement(), madeAgain);

        assertThat(counts.counts().answer("mary", statement().digest()).count()).isEqualTo(5);
        assertThat(counts.refreshes()).isEqualTo(1);
    }

    @Test
    void aRefreshThatFailsDropsTheCountAndLogsNeitherStatementNorValues(CapturedOutput output) throws Exception {
        start(1);
        Object madeAgain = keptAndDue("mary", 4);
        pool.set(failing(new SQLException("Connection is not available: select ... '" + SEARCHED + "'")));

        counts.refresh("mary", statement(), madeAgain);

        // dropped: the next request makes the count itself instead of being answered an old one
        assertThat(counts.counts().answer("mary", statement().digest())).isNull();
        assertThat(dropped("failed")).isEqualTo(1);
        assertThat(dropped("busy")).isZero();
        assertThat(output).contains("could not be made again (SQLException)");
        assertThat(output).doesNotContain(SEARCHED).doesNotContain("QUEUE");
    }

    @Test
    void refreshesBeyondTheThreadsAndThoseWaitingAreDroppedAsBusy() throws Exception {
        start(2);
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        pool.set(blocking(bothStarted, release));
        int people = 2 + LargeTaskCounts.WAITING + 3;
        for (int i = 0; i < people; i++) {
            String person = "person" + i;
            counts.refreshLater(person, statement(), keptAndDue(person, 4));
            if (i == 1) {
                // refresh-threads 2: two counts are made at once
                assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }

        // two running, WAITING waiting, the last three had no room: dropped, made by their next request
        assertThat(dropped("busy")).isEqualTo(3);
        for (int i = people - 3; i < people; i++) {
            assertThat(counts.counts().answer("person" + i, statement().digest())).isNull();
        }
        release.countDown();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> counts.refreshes() == 2 + LargeTaskCounts.WAITING);
        assertThat(counts.counts().answer("person0", statement().digest()).count()).isEqualTo(5);
        assertThat(dropped("failed")).isZero();
    }

    private void start(int refreshThreads) {
        counts = new LargeTaskCounts(new LargeTaskCountSettings(true, 3, Duration.ofNanos(10), Duration.ofHours(1),
                refreshThreads), registry, now::get);
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setDataSource(delegating());
        counts.preInit(configuration);
    }

    /** Kept for the person and old enough to be made again: the token of that refresh. */
    private Object keptAndDue(String person, long count) throws Exception {
        String digest = statement().digest();
        counts.counts().put(person, digest, count);
        now.addAndGet(10);
        Object madeAgain = counts.counts().answer(person, digest).madeAgain();
        assertThat(madeAgain).isNotNull();
        return madeAgain;
    }

    private static CountStatement statement() throws NoSuchMethodException {
        Binding searched = new Binding(PreparedStatement.class.getMethod("setString", int.class, String.class),
                new Object[] {1, SEARCHED});
        return new CountStatement(SQL, List.of(searched), "digest-of-the-query");
    }

    private double dropped(String reason) {
        return registry.get(LargeTaskCounts.DROPPED).tag("reason", reason).counter().count();
    }

    /** The engine's DataSource, whichever pool the test has put behind it. */
    private DataSource delegating() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> unwrapped(() -> method.invoke(pool.get(), args)));
    }

    private static DataSource failing(SQLException failure) {
        return (DataSource) Proxy.newProxyInstance(LargeTaskCountsRefreshTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw failure;
                });
    }

    private DataSource blocking(CountDownLatch started, CountDownLatch release) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        started.countDown();
                        assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
                    }
                    return unwrapped(() -> method.invoke(database, args));
                });
    }

    /** A call through reflection, throwing what the called method threw. */
    private static Object unwrapped(Callable<Object> call) throws Throwable {
        try {
            return call.call();
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
