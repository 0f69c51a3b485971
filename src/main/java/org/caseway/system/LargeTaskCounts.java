package org.caseway.system;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
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
 * API. The engine's and Caseway's own counts (no person, or code inside a process, which the engine runs without
 * checks) are always exact, and so are an administrator's, whom the engine does not check. What is kept is a number
 * per person and a digest of the query, never a query's values, and each person's counts are theirs only. Each node
 * keeps its own; they go at a restart.
 */
@Component
class LargeTaskCounts extends AbstractProcessEnginePlugin implements DisposableBean {

    static final String ENGINE_STATEMENT = "selectTaskCountByQueryCriteria";

    private static final Logger log = LoggerFactory.getLogger(LargeTaskCounts.class);

    private final LargeTaskCountSettings settings;
    private final KeptCounts kept;
    private final ThreadPoolExecutor refresher;
    private volatile ProcessEngineConfigurationImpl configuration;

    LargeTaskCounts(CasewayProperties properties) {
        this.settings = properties.engine().largeTaskCounts();
        this.kept = new KeptCounts(settings.freshFor().toNanos(), settings.keptFor().toNanos(), System::nanoTime);
        // one refresh at a time, a few waiting; a count already being made again is not queued twice
        this.refresher = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(64), runnable -> {
            Thread thread = new Thread(runnable, "caseway-task-counts");
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
                        refreshLater(person, statement);
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

    private void refreshLater(String person, CountStatement statement) {
        try {
            refresher.execute(() -> refresh(person, statement));
        } catch (RejectedExecutionException full) {
            // too many waiting: this count is made again by the next request that asks for it
            kept.remove(person, statement.digest());
        }
    }

    /** Counts again on a connection of its own; the count is kept if it is still large, dropped otherwise. */
    private void refresh(String person, CountStatement statement) {
        DataSource dataSource = configuration.getDataSource();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement prepared = PostgresPlans.withValues(connection.prepareStatement(statement.sql()))) {
            statement.bind(prepared);
            try (ResultSet result = prepared.executeQuery()) {
                result.next();
                long count = result.getLong(1);
                if (count >= settings.from()) {
                    kept.refreshed(person, statement.digest(), count);
                } else {
                    kept.remove(person, statement.digest());
                }
            }
        } catch (SQLException | RuntimeException e) {
            // the statement's values may hold what someone searched for: neither they nor the text are logged
            log.warn("A kept task count could not be made again ({}); it is dropped", e.getClass().getSimpleName());
            kept.remove(person, statement.digest());
        }
    }

    /**
     * The count's statement as the engine runs it for this query: its text, the calls that bind its values, recorded
     * as MyBatis makes them, and a digest of both.
     */
    record CountStatement(String sql, List<Binding> bindings, String digest) {

        /** The statement of this query, or null if its values cannot be recorded. */
        static CountStatement of(ProcessEngineConfigurationImpl configuration, TaskQueryImpl query) {
            String id = configuration.getDbSqlSessionFactory().mapStatement(ENGINE_STATEMENT);
            MappedStatement mapped = configuration.getSqlSessionFactory().getConfiguration().getMappedStatement(id);
            BoundSql bound = mapped.getBoundSql(query);
            List<Binding> bindings = new ArrayList<>();
            PreparedStatement recorder = (PreparedStatement) Proxy.newProxyInstance(
                    LargeTaskCounts.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                    (proxy, method, args) -> {
                        if (!method.getName().startsWith("set") || args == null || !(args[0] instanceof Integer)) {
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
                digest.update(sql.getBytes(StandardCharsets.UTF_8));
                for (Binding binding : bindings) {
                    digest.update((byte) 0);
                    digest.update(binding.describe().getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has SHA-256", e);
            }
        }
    }

    /** One call that binds a value of a statement: {@code setString(3, "mary")} and the like. */
    record Binding(Method method, Object[] args) {

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

        /** The call, its values typed: {@code 1} and {@code "1"} differ. */
        String describe() {
            StringBuilder text = new StringBuilder(method.getName());
            for (Object arg : args) {
                text.append('\u0001').append(arg == null ? "null" : arg.getClass().getName()).append(':')
                        .append(arg instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(arg));
            }
            return text.toString();
        }
    }
}
