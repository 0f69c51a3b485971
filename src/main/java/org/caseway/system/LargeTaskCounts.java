package org.caseway.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.scripting.defaults.DefaultParameterHandler;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.TaskManager;
import org.caseway.system.CasewayProperties.Engine.LargeTaskCountSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A person's count of a large task queue is answered from the count last made for them, and made again in the
 * background, so that Tasklist opens a queue of 100,000 tasks as fast as one of 100.
 *
 * <p>Tasklist asks for a filter's count with every page it shows (the count sets its pager). An exact count of a queue
 * visits every task in it with the person's grants: about a quarter of a second of the database for 100,000 tasks on
 * two cores even when hashed ({@link TaskCountGrantJoin}), paid at each open, each page and each refresh of the list.
 * Here a count of at least {@code from} tasks is kept for the person who asked, for that exact query (its statement
 * text and every value it binds, their user id and groups among them). A count younger than {@code fresh-for} is
 * answered as it is; an older one is answered as well, and made again on a connection of its own in the background,
 * so that the next request has it; one older than {@code kept-for} is made again before answering. A count below
 * {@code from} is never kept: a short queue's count is always exact, and a kept count that falls below it is dropped
 * at its next refresh. The page itself, the tasks a person sees, is always read from the database.
 *
 * <p>Only counts with the engine's authorization checks are kept: those of a person, through Tasklist or the REST
 * API (an administrator's too: a query checks them through the grants of {@code camunda-admin}). The engine's and
 * Caseway's own counts (no person, or code inside a process, which the engine runs without checks) are always exact.
 * What is kept is a number
 * per person and a digest of the query, never a query's values (a refresh waiting for its turn holds them until it
 * runs), and each person's counts are theirs only. A person's grants are part of what is counted, not of what is
 * kept: a count may include tasks taken out of their sight until it is made again, at most {@code kept-for} later;
 * the tasks on their pages are always what their grants allow. Each node keeps its own counts; they go at a restart.
 */
@Component
class LargeTaskCounts extends AbstractProcessEnginePlugin implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LargeTaskCounts.class);

    static final String KEPT = "caseway.task.counts.kept";
    static final String REFRESHES = "caseway.task.counts.refreshes";
    static final String DROPPED = "caseway.task.counts.dropped";

    /** Refreshes that wait for a thread at most; beyond them a count is made by its next request. */
    static final int WAITING = 64;

    private final LargeTaskCountSettings settings;
    private final KeptCounts kept;
    private final ThreadPoolExecutor refresher;
    private final Counter droppedFailed;
    private final Counter droppedBusy;
    private volatile ProcessEngineConfigurationImpl configuration;

    @Autowired
    LargeTaskCounts(CasewayProperties properties, MeterRegistry registry) {
        this(properties.engine().largeTaskCounts(), registry, System::nanoTime);
    }

    /** With a clock of the caller's own (nanoseconds), for tests. */
    LargeTaskCounts(LargeTaskCountSettings settings, MeterRegistry registry, LongSupplier clock) {
        this.settings = settings;
        this.kept = new KeptCounts(settings.freshFor().toNanos(), settings.keptFor().toNanos(), clock);
        // for operators: how many counts are kept, made again, and dropped (a refresh that failed, or too many waiting)
        Gauge.builder(KEPT, kept, KeptCounts::size).description("Large task counts kept for people").register(registry);
        FunctionCounter.builder(REFRESHES, kept, KeptCounts::refreshes)
                .description("Kept task counts made again in the background").register(registry);
        this.droppedFailed = Counter.builder(DROPPED).tag("reason", "failed")
                .description("Kept task counts dropped instead of made again").register(registry);
        this.droppedBusy = Counter.builder(DROPPED).tag("reason", "busy")
                .description("Kept task counts dropped instead of made again").register(registry);
        // refresh-threads at a time, a few waiting; a count already being made again is not queued twice
        int threads = settings.refreshThreads();
        AtomicInteger named = new AtomicInteger();
        this.refresher = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(WAITING), runnable -> {
                    Thread thread = new Thread(runnable, "caseway-task-counts-" + named.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!settings.enabled()) {
            return;
        }
        this.configuration = configuration;
        if (configuration.getCustomSessionFactories() == null) {
            configuration.setCustomSessionFactories(new ArrayList<>());
        }
        // a session factory of the same session type replaces the engine's own
        configuration.getCustomSessionFactories().add(new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return TaskManager.class;
            }

            @Override
            public Session openSession() {
                return new CountKeepingTaskManager();
            }
        });
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }

    /** The counts kept now, of everyone (for tests and the README's figures). */
    int keptCounts() {
        return kept.size();
    }

    /** What is kept (for tests). */
    KeptCounts counts() {
        return kept;
    }

    /** Counts made again in the background so far. */
    long refreshes() {
        return kept.refreshes();
    }

    class CountKeepingTaskManager extends TaskManager {

        @Override
        public long findTaskCountByQueryCriteria(TaskQueryImpl query) {
            String person = personChecked();
            if (person == null) {
                return super.findTaskCountByQueryCriteria(query);
            }
            configureQuery(query);
            if (!QueryPlansWithValues.checksAuthorizations(query)) {
                return super.findTaskCountByQueryCriteria(query);
            }
            // most people keep no count: their query is not written out a second time to look one up
            CountStatement statement = kept.holdsAnyOf(person) ? CountStatement.of(configuration, query) : null;
            if (statement != null) {
                KeptCounts.Answer answer = kept.answer(person, statement.digest());
                if (answer != null) {
                    if (answer.refresh()) {
                        refreshLater(person, statement, answer.madeAgain());
                    }
                    return answer.count();
                }
            }
            long count = super.findTaskCountByQueryCriteria(query);
            if (count >= settings.from()) {
                CountStatement counted = statement != null ? statement : CountStatement.of(configuration, query);
                if (counted != null) {
                    kept.put(person, counted.digest(), count);
                }
            } else if (statement != null) {
                kept.remove(person, statement.digest());
            }
            return count;
        }

        /** The user id of the person asking, if the engine checks their authorizations in this command. */
        private static String personChecked() {
            CommandContext commandContext = Context.getCommandContext();
            Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
            if (authentication == null || authentication.getUserId() == null
                    || !commandContext.isAuthorizationCheckEnabled()) {
                return null;
            }
            return authentication.getUserId();
        }
    }

    void refreshLater(String person, CountStatement statement, Object madeAgain) {
        try {
            refresher.execute(() -> refresh(person, statement, madeAgain));
        } catch (RejectedExecutionException full) {
            // too many waiting, or shutting down: this count is made by the next request that asks for it
            droppedBusy.increment();
            kept.drop(person, statement.digest(), madeAgain);
        }
    }

    /** Counts again on a connection of its own; the count is kept if it is still large, dropped otherwise. */
    void refresh(String person, CountStatement statement, Object madeAgain) {
        DataSource dataSource = configuration.getDataSource();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement prepared = PostgresPlans.withValues(connection.prepareStatement(statement.sql()))) {
            statement.bind(prepared);
            try (ResultSet result = prepared.executeQuery()) {
                result.next();
                long count = result.getLong(1);
                if (count >= settings.from()) {
                    kept.refreshed(person, statement.digest(), madeAgain, count);
                } else {
                    kept.drop(person, statement.digest(), madeAgain);
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the statement's values may hold what someone searched for: neither they nor the text are logged
            log.warn("A kept task count could not be made again ({}); it is dropped", e.getClass().getSimpleName());
            droppedFailed.increment();
            kept.drop(person, statement.digest(), madeAgain);
        }
    }

    /**
     * The count's statement as the engine runs it for this query: its text, the calls that bind its values, recorded
     * as MyBatis makes them, and a digest of both.
     */
    record CountStatement(String sql, List<Binding> bindings, String digest) {

        /** The statement of this query, or null if its values cannot be recorded. */
        static CountStatement of(ProcessEngineConfigurationImpl configuration, TaskQueryImpl query) {
            String id = configuration.getDbSqlSessionFactory().mapStatement(TaskCountGrantJoin.ENGINE_STATEMENT);
            MappedStatement mapped = configuration.getSqlSessionFactory().getConfiguration().getMappedStatement(id);
            BoundSql bound = mapped.getBoundSql(query);
            List<Binding> bindings = new ArrayList<>();
            PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
                    LargeTaskCounts.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                    (proxy, method, args) -> {
                        if (!Binding.SETTERS.contains(method.getName()) || args == null || !(args[0] instanceof Integer)) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        bindings.add(new Binding(method, args.clone()));
                        return null;
                    });
            try {
                new DefaultParameterHandler(mapped, query, bound).setParameters(recorder);
            } catch (RuntimeException unsupported) {
                return null;
            }
            return new CountStatement(bound.getSql(), List.copyOf(bindings), digest(bound.getSql(), bindings));
        }

        void bind(PreparedStatement statement) throws SQLException {
            for (Binding binding : bindings) {
                binding.apply(statement);
            }
        }

        private static String digest(String sql, List<Binding> bindings) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                update(digest, sql);
                for (Binding binding : bindings) {
                    update(digest, binding.method().getName());
                    for (Object arg : binding.args()) {
                        update(digest, arg == null ? "" : arg.getClass().getName());
                        update(digest, Binding.describe(arg));
                    }
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }

        /** Each text with its length before it: no two lists of texts give the same bytes. */
        private static void update(MessageDigest digest, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            digest.update(bytes);
        }
    }

    /**
     * One call that binds a value of a statement: {@code setString(3, "mary")} and the like, of values that stay the
     * same when bound again (no streams).
     */
    record Binding(Method method, Object[] args) {

        static final Set<String> SETTERS = Set.of("setNull", "setBoolean", "setByte", "setShort", "setInt", "setLong",
                "setFloat", "setDouble", "setBigDecimal", "setString", "setNString", "setDate", "setTime",
                "setTimestamp");

        void apply(PreparedStatement statement) throws SQLException {
            try {
                method.invoke(statement, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                    throw sql;
                }
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A value as text, a point in time as its instant (a local time's text repeats when clocks go back). */
        static String describe(Object value) {
            if (value instanceof Timestamp timestamp) {
                return timestamp.getTime() + "." + timestamp.getNanos();
            }
            if (value instanceof java.util.Date date) {
                return Long.toString(date.getTime());
            }
            if (value instanceof Calendar calendar) {
                return calendar.getTimeInMillis() + calendar.getTimeZone().getID();
            }
            return String.valueOf(value);
        }
    }
}
