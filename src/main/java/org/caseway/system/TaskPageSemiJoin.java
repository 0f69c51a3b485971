package org.caseway.system;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.caseway.system.EngineStatements.Sql;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, a page of a candidates' queue (Tasklist's "My groups' unassigned tasks", {@code candidateUser},
 * {@code candidateGroup}) asks for the tasks whose id the engine's conditions select, instead of for the distinct rows
 * of the engine's joins, so that PostgreSQL walks the tasks in the page's order and stops at the page's last.
 *
 * <p>The engine writes such a page as {@code select distinct RES.… from ACT_RU_TASK RES left join ACT_RU_IDENTITYLINK
 * I … left join (grants) AUTH … order by RES.CREATE_TIME_ desc LIMIT ? OFFSET ?}: the joins give a task once per
 * candidate link and grant, and {@code distinct} over every column makes it one again. PostgreSQL 15 can only make
 * those rows distinct by sorting or hashing all of them, unless it plans the query in parallel (its Gather Merge
 * sorts incrementally); which plan it takes depends on its statistics. With statistics of 1,000 tasks and 10,000
 * in the queue, a page took 67–93 ms; a queue of 100,000 planned without parallel workers took 0.6–0.8 s, with
 * them 6–9 ms (README "Performance"). Here the same conditions select the tasks' ids, {@code RES.ID_ IN (select
 * RES.ID_ … the engine's joins and conditions)}, and the page reads the tasks of those ids in its order: PostgreSQL
 * walks the tasks from the index of the page's order, checks each one's candidate links and grants (a semi-join),
 * and stops after the page: 0.2–0.3 ms in each of those cases.
 *
 * <p>The page holds the same tasks in the same order: a task is on it exactly when some row of the engine's joins
 * passes the engine's conditions (tasks whose sort keys are equal are in no defined order either way, as with the
 * engine's text). Only the exact shape above is rewritten (the task's own columns, the candidate links' join and a
 * candidate condition, an order of the task's own columns, a limit and an offset, once each); any other text, such
 * as a page sorted by a variable or by name ignoring case, a query without candidate criteria (their pages were no
 * faster this way: "Overdue" went from 6 to 22 ms), a count, or H2, runs as the engine wrote it.
 */
@Component
class TaskPageSemiJoin extends AbstractProcessEnginePlugin {

    static final String ENGINE_STATEMENT = "selectTaskByQueryCriteria";
    static final String STATEMENT = "casewaySelectTaskPageAsSemiJoin";

    private final CasewayProperties properties;
    private final Rewrites rewrites = new Rewrites();

    TaskPageSemiJoin(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!properties.engine().taskPageSemiJoin() || !"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        EngineStatements.replaceWithRewritten(configuration, ENGINE_STATEMENT, STATEMENT, rewrites);
    }

    /** How many of the texts this engine listed tasks with so far are rewritten. */
    long rewrittenTexts() {
        return rewrites.rewrittenTexts();
    }

    /** The page's SQL as a semi-join where the text has the known shape, each text's rewrite kept. */
    static final class Rewrites implements UnaryOperator<Sql> {

        private final TextRewrites<String> rewrites = new TextRewrites<>(TaskPageSemiJoin::rewrite);

        @Override
        public Sql apply(Sql engine) {
            // the rewrite moves no parameter: the select list has none, and the rest keeps its order
            return rewrites.of(engine.text()).filter(sql -> placeholders(sql) == placeholders(engine.text()))
                    .map(sql -> new Sql(sql, engine.parameterMappings())).orElse(engine);
        }

        long rewrittenTexts() {
            return rewrites.rewrittenTexts();
        }

        private static long placeholders(String sql) {
            return sql.chars().filter(c -> c == '?').count();
        }
    }

    private static final Pattern HEAD = Pattern.compile(
            "\\A\\s*select\\s+distinct\\s+((?:RES\\.\\w+\\s*,\\s*)*RES\\.\\w+)\\s+from\\s+(\\w*ACT_RU_TASK)\\s+RES\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CANDIDATE_LINKS = Pattern.compile(
            "\\sleft\\s+join\\s+\\w*ACT_RU_IDENTITYLINK\\s+I\\s+on\\s+I\\.TASK_ID_\\s*=\\s*RES\\.ID_\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CANDIDATES = Pattern.compile("\\bI\\.TYPE_\\s*=\\s*'candidate'",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORDER_BY = Pattern.compile("\\border\\s+by\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAIL = Pattern.compile(
            "\\Gorder\\s+by\\s+(RES\\.\\w+\\s+(?:asc|desc)(?:\\s*,\\s*RES\\.\\w+\\s+(?:asc|desc))*)"
                    + "\\s+LIMIT\\s+\\?\\s+OFFSET\\s+\\?\\s*\\z", Pattern.CASE_INSENSITIVE);
    private static final Pattern RES_ID = Pattern.compile("(?:\\A|,)\\s*RES\\.ID_\\s*(?:,|\\z)", Pattern.CASE_INSENSITIVE);

    /** The page as a semi-join, or null if the text does not have the shape this class knows. */
    static String rewrite(String sql) {
        Matcher head = HEAD.matcher(sql);
        if (!head.lookingAt() || !CANDIDATE_LINKS.matcher(sql).find(head.end() - 1)) {
            return null;
        }
        Matcher order = ORDER_BY.matcher(sql);
        if (!order.find(head.end()) || !TAIL.matcher(sql).region(order.start(), sql.length()).lookingAt()) {
            return null;
        }
        // the rows are distinct tasks only if the task's id is among the columns
        if (!RES_ID.matcher(head.group(1)).find()) {
            return null;
        }
        String conditions = sql.substring(head.end(), order.start());
        // a candidates' queue: other queries with the links (involved, "with candidate groups") are not measured
        if (!CANDIDATES.matcher(conditions).find()) {
            return null;
        }
        String table = head.group(2);
        return "select " + head.group(1) + " from " + table + " RES WHERE RES.ID_ IN (select RES.ID_ from " + table
                + " RES " + conditions + ") " + sql.substring(order.start());
    }
}
