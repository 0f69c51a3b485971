package org.caseway.modeling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which names of an expression are bean references: the rules the ModelValidator applies to every model. */
class ExpressionBeansTest {

    private static Set<String> beans(String expression) {
        return ExpressionBeans.in(expression, false, Set.of("serviceId"));
    }

    @Test
    void aNameStartingAMemberAccessIsABean() {
        assertThat(beans("${sla.goal(execution)}")).containsExactly("sla");
        assertThat(beans("${caseServices.plannedServiceIds(execution.processBusinessKey)}")).containsExactly("caseServices");
        assertThat(beans("${caseConferences . participants(conferenceId)}")).containsExactly("caseConferences");
        assertThat(beans("#{a.b(c.d)} and ${e.f}")).containsExactly("a", "c", "e");
    }

    @Test
    void executionTaskVariablesLiteralsAndKeywordsAreNot() {
        assertThat(beans("${execution.getVariable('caseManager') != null}")).isEmpty();
        assertThat(beans("${task.name}")).isEmpty();
        assertThat(beans("${planChangeNeeded == 'YES'}")).isEmpty();
        assertThat(beans("${nextStep != 'PROPOSE_CLOSURE' && missedContacts < 3 && !significantChange}")).isEmpty();
        assertThat(beans("${reason == 'moved.to.x' or note eq \"a.b\"}")).isEmpty();
        assertThat(beans("${serviceId.length() > 0}")).as("a variable the model declares").isEmpty();
        assertThat(beans("${contactInterval}")).isEmpty();
        assertThat(beans("P10D")).isEmpty();
        assertThat(beans(null)).isEmpty();
        assertThat(beans("${1.5 > x}")).isEmpty();
    }

    @Test
    void aWholeDelegateExpressionIsABean() {
        assertThat(ExpressionBeans.in("${slaClock}", true, Set.of())).containsExactly("slaClock");
        assertThat(ExpressionBeans.in(" ${ openStageListener } ", true, Set.of())).containsExactly("openStageListener");
        assertThat(ExpressionBeans.in("${slaClock}", false, Set.of())).isEmpty();
        assertThat(ExpressionBeans.in("${execution}", true, Set.of())).isEmpty();
    }
}
