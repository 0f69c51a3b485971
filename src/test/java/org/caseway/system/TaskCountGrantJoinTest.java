package org.caseway.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.session.Configuration;
import org.caseway.system.EngineStatements.Sql;
import org.caseway.system.TaskCountGrantJoin.Rewrite;
import org.junit.jupiter.api.Test;

/**
 * The rewrite of the engine's task count, on its text as Camunda 7.24 writes it for PostgreSQL (the grants of a
 * person, '*' and three groups; a candidate query; the left join CMMN asks for), and the texts it leaves alone.
 * That counts stay the same through REST, on PostgreSQL, is {@link TaskCountsRestTest}'s.
 */
class TaskCountGrantJoinTest {

    static final String GRANTS = """
            SELECT A.*
                FROM ACT_RU_AUTHORIZATION A
                WHERE A.TYPE_ < 2
                AND ( A.USER_ID_ in ( ?, '*')
                  OR A.GROUP_ID_ IN  (  ? , ? , ? )
                )
                  AND (
                     (
                      A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
                     OR
                      A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
                     )
                  )""";

    /** The engine's count of mary's "My groups' unassigned tasks": 14 parameters, the grants' 10 first. */
    static final String COUNT = """
            SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_
                from ACT_RU_TASK RES
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
                    )
                      and (
                        (RES.CASE_EXECUTION_ID_ IS NOT NULL)
                        OR
                        (AUTH.RESOURCE_ID_ IS NOT NULL)
                      )
                  and (RES.TENANT_ID_ is null
                  )
                ) countDistinct
            """.formatted(GRANTS);

    @Test
    void theCountJoinsGrantsOnTheTaskAndAsksForDefinitionAndAllGrantsOnlyInTheCondition() {
        Rewrite rewrite = Rewrite.of(COUNT);

        assertThat(rewrite).isNotNull();
        String sql = rewrite.sql();
        assertThat(sql).contains("AUTH ON (AUTH.RESOURCE_ID_ = RES.ID_)")
                .doesNotContain("IN ( RES.ID_ , D.KEY_ , '*' )")
                .contains("(AUTH.RESOURCE_ID_ IS NOT NULL OR EXISTS (SELECT 1 FROM (" + GRANTS.strip()
                        + ") AUTH_D WHERE AUTH_D.RESOURCE_ID_ = D.KEY_) OR EXISTS (SELECT 1 FROM (" + GRANTS.strip()
                        + ") AUTH_ALL WHERE AUTH_ALL.RESOURCE_ID_ = '*'))");
        // what the count asks besides the grants is the engine's, word for word
        String definitions = "ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_";
        assertThat(sql).startsWith(COUNT.substring(0, COUNT.indexOf(definitions) + definitions.length()))
                .endsWith(COUNT.substring(COUNT.indexOf("and (RES.TENANT_ID_")))
                .contains("(RES.CASE_EXECUTION_ID_ IS NOT NULL)")
                .contains("and ( I.USER_ID_ = ? or I.GROUP_ID_ IN ( ? , ? , ? ) ) )");
        assertThat(sql.chars().filter(c -> c == '?').count()).isEqualTo(14 + 2 * 10);
        assertThat(rewrite.parameters()).isEqualTo(14);
    }

    @Test
    void theGrantsParametersStandAgainWhereTheirCopiesStand() {
        List<ParameterMapping> engine = mappings(14);

        List<String> rewritten = names(Rewrite.of(COUNT).parameterMappings(engine));

        List<String> grants = names(engine.subList(0, 10));
        List<String> candidates = names(engine.subList(10, 14));
        assertThat(rewritten).hasSize(34);
        assertThat(rewritten.subList(0, 10)).isEqualTo(grants);
        assertThat(rewritten.subList(10, 14)).isEqualTo(candidates);
        assertThat(rewritten.subList(14, 24)).isEqualTo(grants);
        assertThat(rewritten.subList(24, 34)).isEqualTo(grants);
    }

    @Test
    void parametersAfterTheConditionKeepTheirPlaceAfterTheCopies() {
        String overdue = COUNT.replace("and (RES.TENANT_ID_ is null", "and RES.DUE_DATE_ < ? and (RES.TENANT_ID_ is null");
        Rewrite rewrite = Rewrite.of(overdue);
        List<ParameterMapping> engine = mappings(15);

        List<String> rewritten = names(rewrite.parameterMappings(engine));

        assertThat(rewrite.copyAt()).isEqualTo(14);
        assertThat(rewritten).hasSize(35).last().isEqualTo("p14");
        assertThat(rewritten.subList(14, 24)).isEqualTo(names(engine.subList(0, 10)));
    }

    @Test
    void aQuestionMarkInALiteralIsNoParameter() {
        String literal = COUNT.replace("I.TYPE_ = 'candidate'", "I.TYPE_ = 'candidate?'");

        Rewrite rewrite = Rewrite.of(literal);

        assertThat(rewrite.parameters()).isEqualTo(14);
        assertThat(rewrite.copyAt()).isEqualTo(14);
    }

    @Test
    void textsOfAnotherShapeAreLeftAsTheEngineWroteThem() {
        // a page of tasks (not a count), the join of CMMN switched off, the check with revokes (no join), a second
        // grant check, another join condition, the condition missing or twice
        assertThat(Rewrite.of(COUNT.replace("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_", "select distinct RES.*")))
                .isNull();
        assertThat(Rewrite.of(COUNT.replaceFirst("left join(\\s*\\(\\s*SELECT)", "inner join$1"))).isNull();
        assertThat(Rewrite.of(COUNT.replace("AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))", "AUTH ON (1 = 1)")))
                .isNull();
        assertThat(Rewrite.of(COUNT.replace("(AUTH.RESOURCE_ID_ IS NOT NULL)",
                "(AUTH.RESOURCE_ID_ IS NOT NULL) AND AUTH1.RESOURCE_ID_ IS NOT NULL"))).isNull();
        assertThat(Rewrite.of(COUNT.replace("(AUTH.RESOURCE_ID_ IS NOT NULL)", "(1 = 1)"))).isNull();
        assertThat(Rewrite.of(COUNT.replace("(AUTH.RESOURCE_ID_ IS NOT NULL)",
                "(AUTH.RESOURCE_ID_ IS NOT NULL) OR (AUTH.RESOURCE_ID_ IS NOT NULL)"))).isNull();
        assertThat(Rewrite.of(COUNT.replace("AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , '*' ))",
                "AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , '*' ))"))).isNull();
        assertThat(Rewrite.of(COUNT.replace(GRANTS, GRANTS.replace("'*'", "'*")))).isNull();
    }

    @Test
    void theCountsRewritesLeaveATextOfAnotherShapeAsTheEngineWroteIt() {
        String page = COUNT.replace("SELECT COUNT(*) FROM (SELECT DISTINCT RES.ID_", "select distinct RES.*");
        List<ParameterMapping> engine = mappings(14);
        var rewrites = new TaskCountGrantJoin.Rewrites();
        Sql engineCount = new Sql(COUNT, engine);

        assertThat(rewrites.apply(new Sql(page, engine)).text()).isSameAs(page);
        assertThat(rewrites.apply(engineCount).text()).contains("AUTH_D").isNotEqualTo(COUNT);
        assertThat(rewrites.apply(engineCount).parameterMappings()).hasSize(34);
        assertThat(rewrites.rewrittenTexts()).isEqualTo(1);
        // a text whose parameters are not the ones it names (the engine's text changed under it): left alone
        assertThat(rewrites.apply(new Sql(COUNT, mappings(13))).text()).isSameAs(COUNT);
    }

    static List<ParameterMapping> mappings(int count) {
        Configuration configuration = new Configuration();
        return IntStream.range(0, count)
                .mapToObj(i -> new ParameterMapping.Builder(configuration, "p" + i, Object.class).build()).toList();
    }

    static List<String> names(List<ParameterMapping> mappings) {
        return mappings.stream().map(ParameterMapping::getProperty).toList();
    }
}
