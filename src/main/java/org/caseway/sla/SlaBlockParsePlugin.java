package org.caseway.sla;

import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;
import org.springframework.stereotype.Component;
import org.xml.sax.helpers.AttributesImpl;

/**
 * The "Apply SLA" element template marks a user task with the extension property
 * {@code caseway.sla = policy}: when the engine parses such a task, this plugin gives it the SLA
 * block that the other tasks declare in full (processes/README.md "Deadlines (SLAs)") — the
 * {@code ${slaClock}} listener on create, complete and delete and the timeout listeners slaGoal,
 * slaDeadline and slaSecondEscalation. Camunda 7 element templates cannot add task listeners, so
 * the template sets the property and the engine adds the listeners. A task that declares the
 * block itself is left as it is.
 */
@Component
public class SlaBlockParsePlugin extends AbstractProcessEnginePlugin {

    public static final String PROPERTY = "caseway.sla";
    public static final String POLICY = "policy";

    static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final Namespace CAMUNDA = new Namespace(BpmnParser.CAMUNDA_BPMN_EXTENSIONS_NS);

    /** One of the SLA block's timeout listeners: its id, what it calls and when it fires. */
    public record Timeout(String id, String delegateExpression, String timeDate) {
    }

    /** The SLA block (processes/README.md "Deadlines (SLAs)"): the one definition the engine, the model checks and extensions use. */
    public static final String CLOCK = "${slaClock}";
    public static final List<String> CLOCK_EVENTS = List.of("create", "complete", "delete");
    public static final Timeout GOAL = new Timeout("slaGoal", "${slaReminder}", "${sla.goal(execution)}");
    public static final Timeout DEADLINE = new Timeout("slaDeadline", "${slaBreach}", "${sla.deadline(execution)}");
    public static final Timeout SECOND_ESCALATION = new Timeout("slaSecondEscalation", "${slaSecondEscalation}",
            "${sla.secondEscalation(execution)}");
    public static final List<Timeout> TIMEOUTS = List.of(GOAL, DEADLINE, SECOND_ESCALATION);

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setBpmnParseFactory(SlaBlockParse::new);
    }

    /** True if the task (its extensionElements) carries caseway.sla = policy. */
    static boolean marked(Element extensions) {
        for (Element properties : extensions.elementsNS(CAMUNDA, "properties")) {
            for (Element property : properties.elementsNS(CAMUNDA, "property")) {
                if (PROPERTY.equals(property.attribute("name")) && POLICY.equals(property.attribute("value"))) {
                    return true;
                }
            }
        }
        return false;
    }

    static final class SlaBlockParse extends BpmnParse {

        SlaBlockParse(BpmnParser parser) {
            super(parser);
        }

        @Override
        public ActivityImpl parseUserTask(Element userTask, ScopeImpl scope) {
            Element extensions = userTask.element("extensionElements");
            if (extensions != null && marked(extensions) && !declaresClock(extensions)) {
                addSlaBlock(extensions, userTask.attribute("id"));
            }
            return super.parseUserTask(userTask, scope);
        }

        private static boolean declaresClock(Element extensions) {
            return extensions.elementsNS(CAMUNDA, "taskListener").stream()
                    .anyMatch(listener -> CLOCK.equals(listener.attribute("delegateExpression")));
        }

        private static void addSlaBlock(Element extensions, String taskId) {
            for (String event : CLOCK_EVENTS) {
                extensions.add(element(CAMUNDA.getNamespaceUri(), "taskListener",
                        "delegateExpression", CLOCK, "event", event));
            }
            for (Timeout timeout : TIMEOUTS) {
                Element listener = element(CAMUNDA.getNamespaceUri(), "taskListener",
                        "delegateExpression", timeout.delegateExpression(), "event", "timeout", "id", timeout.id());
                Element timer = element(BPMN_NS, "timerEventDefinition", "id", "timer_" + taskId + "_" + timeout.id());
                Element timeDate = element(BPMN_NS, "timeDate");
                timeDate.appendText(timeout.timeDate());
                timer.add(timeDate);
                listener.add(timer);
                extensions.add(listener);
            }
        }

        private static Element element(String uri, String localName, String... attributes) {
            AttributesImpl attrs = new AttributesImpl();
            for (int i = 0; i < attributes.length; i += 2) {
                attrs.addAttribute("", attributes[i], attributes[i], "CDATA", attributes[i + 1]);
            }
            return new Element(uri, localName, localName, attrs, null);
        }
    }
}
