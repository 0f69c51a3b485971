package org.caseway.bench;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what a step costs the database: statements (a batch of 10 inserts is 10), round trips (a batch is
 * one) and commits (a call of {@code commit()}, or a write executed in auto-commit mode, which the database commits
 * on its own), attributed to the step the counting thread says it is in ({@link #stage(String)}).
 * Wraps the application's DataSource with datasource-proxy, so the engine, Flyway and Caseway's own
 * repositories are all counted. Threads outside a stage are not counted.
 */
final class StatementCounter implements QueryExecutionListener, MethodExecutionListener {

    /** What one stage cost in all. */
    static final class Counts {
        final LongAdder executions = new LongAdder();
        final LongAdder statements = new LongAdder();
        final LongAdder selects = new LongAdder();
        final LongAdder inserts = new LongAdder();
        final LongAdder updates = new LongAdder();
        final LongAdder deletes = new LongAdder();
        final LongAdder removalTimeUpdates = new LongAdder();
        final LongAdder commits = new LongAdder();
        final LongAdder samples = new LongAdder();

        Map<String, Double> perSample() {
            double n = Math.max(1, samples.sum());
            Map<String, Double> map = new java.util.LinkedHashMap<>();
            map.put("samples", (double) samples.sum());
            map.put("statements", statements.sum() / n);
            map.put("roundTrips", executions.sum() / n);
            map.put("commits", commits.sum() / n);
            map.put("selects", selects.sum() / n);
            map.put("inserts", inserts.sum() / n);
            map.put("updates", updates.sum() / n);
            map.put("deletes", deletes.sum() / n);
            map.put("removalTimeUpdates", removalTimeUpdates.sum() / n);
            return map;
        }
    }

    private static final ThreadLocal<String> STAGE = new ThreadLocal<>();
    private final Map<String, Counts> stages = new ConcurrentHashMap<>();
    /** While set, the stage of every thread that is in no stage of its own (the job executor's, the outbox's). */
    private volatile String otherThreads;
    /** With -Dbench.sql=true: how often each statement ran, per stage (to see where a step's statements go). */
    private final Map<String, Map<String, LongAdder>> texts = Boolean.getBoolean("bench.sql") ? new ConcurrentHashMap<>() : null;

    BeanPostProcessor wrapper() {
        StatementCounter counter = this;
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof net.ttddyy.dsproxy.support.ProxyDataSource)) {
                    return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(counter)
                            .methodListener(counter).build();
                }
                return bean;
            }
        };
    }

    /** Counts this thread's statements towards {@code stage} until {@link #end()}; one call is one sample. */
    void stage(String stage) {
        STAGE.set(stage);
        stages.computeIfAbsent(stage, s -> new Counts()).samples.increment();
    }

    void end() {
        STAGE.remove();
    }

    /** Counts the statements of every thread outside a stage towards {@code stage} until {@link #endOtherThreads}. */
    void otherThreads(String stage) {
        stages.computeIfAbsent(stage, s -> new Counts());
        otherThreads = stage;
    }

    /** Ends {@link #otherThreads}; what was counted is {@code samples} samples (a burst's escalations). */
    void endOtherThreads(long samples) {
        String stage = otherThreads;
        otherThreads = null;
        if (stage != null) {
            stages.get(stage).samples.add(samples);
        }
    }

    Map<String, Map<String, Double>> snapshot() {
        Map<String, Map<String, Double>> result = new TreeMap<>();
        stages.forEach((stage, counts) -> result.put(stage, counts.perSample()));
        return result;
    }

    void reset() {
        stages.clear();
        if (texts != null) {
            texts.clear();
        }
    }

    /** Per stage, the statements by text with how often they ran per sample; empty unless -Dbench.sql=true. */
    Map<String, Map<String, Double>> statementTexts() {
        Map<String, Map<String, Double>> result = new TreeMap<>();
        if (texts != null) {
            texts.forEach((stage, counts) -> {
                double n = Math.max(1, stages.get(stage).samples.sum());
                Map<String, Double> byText = new TreeMap<>();
                counts.forEach((text, count) -> byText.put(text, count.sum() / n));
                result.put(stage, byText);
            });
        }
        return result;
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
    }

    @Override
    public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
        Counts counts = current();
        if (counts == null) {
            return;
        }
        counts.executions.increment();
        boolean wrote = false;
        for (QueryInfo query : queries) {
            int times = execution.isBatch() ? Math.max(1, query.getParametersList().size()) : 1;
            counts.statements.add(times);
            String sql = query.getQuery().stripLeading();
            if (texts != null) {
                String text = sql.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                texts.computeIfAbsent(stageOfThisThread(), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(text.substring(0, Math.min(140, text.length())), k -> new LongAdder()).add(times);
            }
            if (startsWith(sql, "SELECT") || startsWith(sql, "WITH")) {
                counts.selects.add(times);
            } else if (startsWith(sql, "INSERT")) {
                counts.inserts.add(times);
                wrote = true;
            } else if (startsWith(sql, "UPDATE")) {
                counts.updates.add(times);
                wrote = true;
                if (sql.toUpperCase(Locale.ROOT).contains("REMOVAL_TIME_")) {
                    counts.removalTimeUpdates.add(times);
                }
            } else if (startsWith(sql, "DELETE")) {
                counts.deletes.add(times);
                wrote = true;
            }
        }
        // a write in auto-commit mode is a transaction of its own, committed by the database
        if (wrote && autoCommit(execution)) {
            counts.commits.increment();
        }
    }

    /** Whether the statement starts with this keyword, in any case (without copying the statement's text). */
    private static boolean startsWith(String sql, String keyword) {
        return sql.regionMatches(true, 0, keyword, 0, keyword.length());
    }

    private static boolean autoCommit(ExecutionInfo execution) {
        try {
            return execution.getStatement() != null && execution.getStatement().getConnection().getAutoCommit();
        } catch (java.sql.SQLException closed) {
            return false;
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext executionContext) {
    }

    @Override
    public void afterMethod(MethodExecutionContext context) {
        Method method = context.getMethod();
        if ("commit".equals(method.getName()) && context.getTarget() instanceof java.sql.Connection) {
            Counts counts = current();
            if (counts != null) {
                counts.commits.increment();
            }
        }
    }

    private Counts current() {
        String stage = stageOfThisThread();
        return stage == null ? null : stages.get(stage);
    }

    private String stageOfThisThread() {
        String stage = STAGE.get();
        return stage != null ? stage : otherThreads;
    }
}
