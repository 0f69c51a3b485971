package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;
import org.caseway.system.EngineStatements.Sql;
import org.junit.jupiter.api.Test;

/**
 * The rewrite of a candidates' queue page, on its text as Camunda 7.24 writes it for PostgreSQL (mary's "My groups'
 * unassigned tasks", Tasklist's first page newest first), and the texts it leaves alone. That pages stay the same
 * through REST, on PostgreSQL, is {@link TaskCountsRestTest}'s.
 */
class TaskPageSemiJoinTest {

    static final String COLUMNS = """
            RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_, RES.DESCRIPTION_, RES.PRIORITY_,
                RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_, RES.EXECUTION_ID_,
                RES.PROC_INST_ID_, RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_,
                RES.CASE_DEF_ID_, RES.TASK_DEF_KEY_, RES.DUE_DATE_, RES.FOLLOW_UP_DATE_,
                RES.SUSPENSION_STATE_, RES.TENANT_ID_, RES.LAST_UPDATED_, RES.TASK_STATE_""";

    /** Joins and conditions of the engine's page, between the table and the order. */
    static final String CONDITIONS = """
                 left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
                      left join
                  ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
                 left join
                (
                %s
                )
                    AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))
                 WHERE  (
                    1 = 1 and
                          (  RES.ASSIGNEE_ is null
                            and I.TYPE_ = 'candidate'
                              and ( I.USER_ID_ = ? or I.GROUP_ID_ IN ( ? , ? , ? ) ) )
                            and RES.SUSPENSION_STATE_ = 1
                    )
                      and (
                        (RES.CASE_EXECUTION_ID_ IS NOT NULL)
                        OR
                        (AUTH.RESOURCE_ID_ IS NOT NULL)
                      )
                  and (RES.TENANT_ID_ is null
                  )
            """.formatted(TaskCountGrantJoinTest.GRANTS);

    static final String PAGE = "select distinct\n    " + COLUMNS + "\n    from ACT_RU_TASK RES\n" + CONDITIONS
            + "    order by RES.CREATE_TIME_ desc\n    LIMIT ? OFFSET ?";

    @Test
    void aCandidatesPageSelectsTheTasksWhoseIdsTheConditionsSelect() {
        String rewritten = TaskPageSemiJoin.rewrite(PAGE);

        assertThat(rewritten).isEqualTo("select " + COLUMNS + " from ACT_RU_TASK RES WHERE RES.ID_ IN (select RES.ID_"
                + " from ACT_RU_TASK RES " + CONDITIONS + "    ) order by RES.CREATE_TIME_ desc\n    LIMIT ? OFFSET ?");
        assertThat(rewritten).doesNotContainIgnoringCase("distinct");
        assertThat(placeholders(rewritten)).isEqualTo(placeholders(PAGE)).isEqualTo(16);
    }

    @Test
    void theRewriteKeepsTheParametersAndEachTextsRewrite() {
        Configuration configuration = new Configuration();
        List<ParameterMapping> parameters = java.util.stream.IntStream.range(0, 16).mapToObj(i ->
                new ParameterMapping.Builder(configuration, "p" + i, Object.class).build()).toList();
        TaskPageSemiJoin.Rewrites rewrites = new TaskPageSemiJoin.Rewrites();

        Sql page = rewrites.apply(new Sql(PAGE, parameters));
        Sql again = rewrites.apply(new Sql(PAGE, parameters));
        Sql overdue = rewrites.apply(new Sql(PAGE.replace("left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_",
                ""), parameters));

        assertThat(page.text()).startsWith("select RES.REV_").isEqualTo(again.text());
        assertThat(page.parameterMappings()).isEqualTo(parameters);
        assertThat(overdue.text()).startsWith("select distinct");
        assertThat(rewrites.rewrittenTexts()).isEqualTo(1);
    }

    @Test
    void otherShapesRunAsTheEngineWroteThem() {
        List<String> others = List.of(
                // no candidate links: "Overdue", "My tasks"
                PAGE.replace("left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_", ""),
                // the links, but no candidate condition: involvedUser and the like
                PAGE.replace("and I.TYPE_ = 'candidate'", ""),
                // sorted by a variable's value, or by name ignoring case, as the engine writes them
                PAGE.replace("RES.TASK_STATE_", "RES.TASK_STATE_, VAR0.TEXT_ as VAR0_TEXT_")
                        .replace("order by RES.CREATE_TIME_ desc", "order by VAR0_TEXT_ asc"),
                PAGE.replace("RES.TASK_STATE_", "RES.TASK_STATE_, LOWER(RES.NAME_) as RES_NAME_")
                        .replace("order by RES.CREATE_TIME_ desc", "order by RES_NAME_ asc"),
                PAGE.replace("order by RES.CREATE_TIME_ desc", "order by RES.CREATE_TIME_ desc, VAR0_TEXT_ asc"),
                // no task id in the select list
                PAGE.replace("RES.REV_, RES.ID_,", "RES.REV_,"),
                // a schema before the table's name
                PAGE.replace("from ACT_RU_TASK RES", "from caseway.ACT_RU_TASK RES"),
                // no page, or a page of another kind
                PAGE.replace("\n    LIMIT ? OFFSET ?", ""),
                PAGE.replace("LIMIT ? OFFSET ?", "LIMIT 15"),
                // not a distinct select of tasks: a count, another table
                TaskCountGrantJoinTest.COUNT,
                PAGE.replace("from ACT_RU_TASK RES", "from ACT_HI_TASKINST RES"),
                PAGE.replace("select distinct", "select"),
                // an order inside the conditions
                PAGE.replace("1 = 1 and", "RES.ID_ IN (select ID_ from ACT_RU_TASK order by ID_ asc LIMIT 1) and"));
        for (String other : others) {
            assertThat(TaskPageSemiJoin.rewrite(other)).as(other).isNull();
        }
    }

    private static long placeholders(String sql) {
        return sql.chars().filter(c -> c == '?').count();
    }
}
