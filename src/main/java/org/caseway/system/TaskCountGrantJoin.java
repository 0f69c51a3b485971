package org.caseway.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ibatis.mapping.ParameterMapping;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.caseway.system.EngineStatements.Sql;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, the engine's count of a task query joins the person's grants on the task's id, so that PostgreSQL
 * can hash them, instead of on any of three values, which it can only look up task by task.
 *
 * <p>A task query with authorization checks joins the grants of the person, of {@code '*'} and of the person's groups
 * on {@code AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*')}: a grant on the task, on its process definition or on all.
 * PostgreSQL cannot hash a join on a list of columns, so it probes the grants' index three times for every task the
 * query's other criteria leave. A page of 15 stops early; a count visits every task, and a queue that holds all
 * 100,000 open tasks took 0.8 s to count, most of it in those probes (README "Performance"). Here the count joins the
 * grants on the task's id alone, which PostgreSQL hashes, and asks for a grant on the task's process definition (one
 * probe of the index) only for a task without a grant of its own, and for a grant on all once. A task counts exactly
 * when it did: some grant names its id, its process definition's key or {@code '*'}, and the count is of distinct
 * tasks.
 *
 * <p>The count's text is the engine's, as MyBatis wrote it; the join and the condition on it are rewritten when the
 * text has exactly the shape this class knows (the left join of a count of distinct tasks, Camunda 7.24's, with the
 * grant condition once), and the rewrite of each text is kept. Any other text, a version that writes it differently,
 * the check with revokes (no join) or H2, runs as the engine wrote it. Lists are not rewritten: a page stops after 15
 * tasks, which the probes find soon. The engine runs the count as a statement of Caseway's ({@link EngineStatements}),
 * which writes the engine's text with the engine statement's own source, so {@link DynamicSqlCaches} serves it too.
 */
@Component
class TaskCountGrantJoin extends AbstractProcessEnginePlugin {

    static final String ENGINE_STATEMENT = "selectTaskCountByQueryCriteria";
    static final String STATEMENT = "casewaySelectTaskCountWithGrantJoin";

    private final CasewayProperties properties;
    private final Rewrites rewrites = new Rewrites();

    TaskCountGrantJoin(CasewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!properties.engine().taskCountGrantJoin() || !"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        EngineStatements.replaceWithRewritten(configuration, ENGINE_STATEMENT, STATEMENT, rewrites);
    }

    /** How many of the texts this engine counted with so far are rewritten. */
    long rewrittenTexts() {
        return rewrites.rewrittenTexts();
    }

    /** The count's SQL with its grant join rewritten where the text has the known shape, each text's rewrite kept. */
    static final class Rewrites implements UnaryOperator<Sql> {

        private final TextRewrites<Rewrite> rewrites = new TextRewrites<>(Rewrite::of);

        @Override
        public Sql apply(Sql engine) {
            Optional<Rewrite> rewrite = rewrites.of(engine.text());
            if (rewrite.isEmpty() || rewrite.get().parameters() != engine.parameterMappings().size()) {
                return engine;
            }
            return new Sql(rewrite.get().sql(), rewrite.get().parameterMappings(engine.parameterMappings()));
        }

        long rewrittenTexts() {
            return rewrites.rewrittenTexts();
        }
    }

    /**
     * The rewritten text of one count, and where the parameters of the grants' subquery, which the text now holds
     * three times, go again.
     *
     * @param sql the text sent to the database
     * @param parameters the number of parameters of the engine's text
     * @param grantsFrom the index of the subquery's first parameter in the engine's text
     * @param grantsCount the number of the subquery's parameters
     * @param copyAt where their two copies go in the rewritten text's parameters
     */
    record Rewrite(String sql, int parameters, int grantsFrom, int grantsCount, int copyAt) {

        private static final Pattern DISTINCT_COUNT = Pattern.compile(
                "\\A\\s*(?:SELECT\\s+COUNT\\(\\*\\)\\s+FROM\\s*\\(\\s*SELECT\\s+DISTINCT\\s+RES\\.ID_\\s"
                        + "|select\\s+count\\(\\s*distinct\\s+RES\\.ID_\\s*\\))", Pattern.CASE_INSENSITIVE);
        private static final Pattern GRANTS_JOIN = Pattern.compile(
                "left join\\s*(\\()\\s*SELECT A\\.\\*\\s+FROM\\s+\\S*ACT_RU_AUTHORIZATION A\\s+WHERE\\s");
        private static final Pattern ON_ANY_OF_THREE = Pattern.compile(
                "\\A\\s*AUTH\\s+ON\\s*\\(\\s*AUTH\\.RESOURCE_ID_\\s+IN\\s*\\(\\s*RES\\.ID_\\s*,\\s*D\\.KEY_\\s*,"
                        + "\\s*'\\*'\\s*\\)\\s*\\)");
        private static final Pattern HAS_GRANT = Pattern.compile("\\(\\s*AUTH\\.RESOURCE_ID_ IS NOT NULL\\s*\\)");
        private static final Pattern ANY_AUTH_COLUMN = Pattern.compile("\\bAUTH\\w*\\.");

        /** The rewrite of this text, or null if it does not have the shape this class knows. */
        static Rewrite of(String sql) {
            if (!DISTINCT_COUNT.matcher(sql).find()) {
                return null;
            }
            Matcher join = GRANTS_JOIN.matcher(sql);
            if (!join.find()) {
                return null;
            }
            int joinStart = join.start();
            int open = join.start(1);
            int close = closingParenthesis(sql, open);
            if (close < 0 || join.find(close)) {
                return null;
            }
            String grants = sql.substring(open + 1, close).strip();
            Matcher on = ON_ANY_OF_THREE.matcher(sql).region(close + 1, sql.length()).useAnchoringBounds(true);
            if (!on.lookingAt()) {
                return null;
            }
            Matcher condition = HAS_GRANT.matcher(sql).region(on.end(), sql.length());
            if (!condition.find()) {
                return null;
            }
            int conditionStart = condition.start();
            int conditionEnd = condition.end();
            if (condition.find()) {
                return null;
            }
            // AUTH is read in the join's condition and that one place only (no second grant check, no AUTH1)
            Matcher columns = ANY_AUTH_COLUMN.matcher(sql);
            int uses = 0;
            while (columns.find()) {
                uses++;
            }
            if (uses != 2) {
                return null;
            }
            String rewritten = sql.substring(0, joinStart)
                    + "left join (" + grants + ") AUTH ON (AUTH.RESOURCE_ID_ = RES.ID_)"
                    + sql.substring(on.end(), conditionStart)
                    + "(AUTH.RESOURCE_ID_ IS NOT NULL"
                    + " OR EXISTS (SELECT 1 FROM (" + grants + ") AUTH_D WHERE AUTH_D.RESOURCE_ID_ = D.KEY_)"
                    + " OR EXISTS (SELECT 1 FROM (" + grants + ") AUTH_ALL WHERE AUTH_ALL.RESOURCE_ID_ = '*'))"
                    + sql.substring(conditionEnd);
            int parameters = placeholders(sql, 0, sql.length());
            if (parameters < 0) {
                return null;
            }
            return new Rewrite(rewritten, parameters, placeholders(sql, 0, open), placeholders(sql, open, close),
                    placeholders(sql, 0, conditionStart));
        }

        /** The engine's parameters, with those of the grants' subquery again where its copy stands. */
        List<ParameterMapping> parameterMappings(List<ParameterMapping> engine) {
            List<ParameterMapping> mappings = new ArrayList<>(engine.size() + 2 * grantsCount);
            mappings.addAll(engine.subList(0, copyAt));
            List<ParameterMapping> grants = engine.subList(grantsFrom, grantsFrom + grantsCount);
            mappings.addAll(grants);
            mappings.addAll(grants);
            mappings.addAll(engine.subList(copyAt, engine.size()));
            return mappings;
        }

        /** The parenthesis closing the one at {@code open}, outside quoted literals; -1 if there is none. */
        private static int closingParenthesis(String sql, int open) {
            int depth = 0;
            boolean quoted = false;
            for (int i = open; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')' && --depth == 0) {
                    return i;
                }
            }
            return -1;
        }

        /** The {@code ?} placeholders between two positions, outside quoted literals; -1 if a literal is open. */
        private static int placeholders(String sql, int from, int to) {
            int count = 0;
            boolean quoted = false;
            for (int i = from; i < to; i++) {
                char c = sql.charAt(i);
                if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '?') {
                    count++;
                }
            }
            return quoted ? -1 : count;
        }
    }
}
