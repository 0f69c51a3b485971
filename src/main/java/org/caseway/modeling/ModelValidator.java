package org.caseway.modeling;

import org.caseway.sla.SlaBlockParsePlugin;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.Expression;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ResourceRole;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.LiteralExpression;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.caseway.process.CaseProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Checks a set of BPMN, DMN and form files against what Caseway expects of its models, before they are
 * deployed (processes/README.md, "Checks on every model"): every bean an expression calls exists; every
 * user task has its form, an assignment and the SLA block; every process has a history time to live;
 * every business rule task's decision exists with the outputs it maps; every message name is one Caseway
 * correlates. Cross-file references are resolved within the set, so validate the models together with
 * the forms and decisions they use. Each problem names the file, the element id and what is wrong.
 */
@Component
public class ModelValidator {

    static final String SLA_CLOCK = SlaBlockParsePlugin.CLOCK;
    static final List<String> SLA_CLOCK_EVENTS = SlaBlockParsePlugin.CLOCK_EVENTS;
    static final List<SlaBlockParsePlugin.Timeout> SLA_TIMEOUTS = SlaBlockParsePlugin.TIMEOUTS;

    /** Result mappings of a business rule task that take the one output of the decision. */
    private static final Set<String> SINGLE_OUTPUT_MAPPINGS = Set.of("singleEntry", "collectEntries");

    private final Predicate<String> beanExists;
    private final Set<String> correlatedMessages;

    /** Beans from the application context; correlated messages: the {@code MESSAGE_*} constants of CaseProcess. */
    @Autowired
    public ModelValidator(ApplicationContext context) {
        this(context::containsBean, correlatedMessages(CaseProcess.class));
    }

    ModelValidator(Predicate<String> beanExists, Set<String> correlatedMessages) {
        this.beanExists = beanExists;
        this.correlatedMessages = Set.copyOf(correlatedMessages);
    }

    /** The message names Caseway correlates: the values of a class's {@code public static final String MESSAGE_*}. */
    public static Set<String> correlatedMessages(Class<?> backingClass) {
        Set<String> names = new LinkedHashSet<>();
        for (Field field : backingClass.getFields()) {
            if (field.getName().startsWith("MESSAGE_") && Modifier.isStatic(field.getModifiers())
                    && field.getType() == String.class) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }

    /** Every problem of the set, by file and element; empty when every model may be deployed. */
    public List<ModelProblem> validate(Collection<ModelResource> resources) {
        ModelSet models = ModelSet.read(resources);
        List<ModelProblem> problems = new ArrayList<>(models.unreadable);
        Map<String, Set<String>> decisionOutputs = decisionOutputs(models, problems);
        Set<String> formIds = new HashSet<>();
        Map<String, String> formFiles = new HashMap<>();
        models.forms.forEach((file, id) -> {
            String other = formFiles.putIfAbsent(id, file);
            if (other != null) {
                problems.add(new ModelProblem(file, id, "the form id is also used by " + other));
            }
            formIds.add(id);
        });
        Map<String, String> processFiles = new HashMap<>();
        models.processes.forEach((file, model) -> {
            for (String key : models.processKeys(file)) {
                String other = processFiles.putIfAbsent(key, file);
                if (other != null) {
                    problems.add(new ModelProblem(file, key, "the process key is also used by " + other));
                }
            }
            new BpmnCheck(file, model, formIds, decisionOutputs, problems).run();
        });
        problems.sort(Comparator.comparing(ModelProblem::file)
                .thenComparing(p -> Objects.requireNonNullElse(p.elementId(), "")));
        return List.copyOf(problems);
    }

    private static Map<String, Set<String>> decisionOutputs(ModelSet models, List<ModelProblem> problems) {
        Map<String, Set<String>> outputs = new LinkedHashMap<>();
        Map<String, String> decisionFiles = new HashMap<>();
        models.decisions.forEach((file, model) -> {
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                String other = decisionFiles.putIfAbsent(decision.getId(), file);
                if (other != null) {
                    problems.add(new ModelProblem(file, decision.getId(), "the decision key is also used by " + other));
                }
                Set<String> names = new LinkedHashSet<>();
                if (decision.getExpression() instanceof DecisionTable table) {
                    for (Output output : table.getOutputs()) {
                        names.add(output.getName());
                    }
                } else if (decision.getExpression() instanceof LiteralExpression && decision.getVariable() != null) {
                    names.add(decision.getVariable().getName());
                }
                outputs.put(decision.getId(), names);
            }
        });
        return outputs;
    }

    /** The checks of one BPMN file. */
    private final class BpmnCheck {

        private final String file;
        private final BpmnModelInstance model;
        private final Set<String> formIds;
        private final Map<String, Set<String>> decisionOutputs;
        private final List<ModelProblem> problems;
        private final Set<String> variables = new HashSet<>();

        BpmnCheck(String file, BpmnModelInstance model, Set<String> formIds, Map<String, Set<String>> decisionOutputs,
                  List<ModelProblem> problems) {
            this.file = file;
            this.model = model;
            this.formIds = formIds;
            this.decisionOutputs = decisionOutputs;
            this.problems = problems;
        }

        void run() {
            collectVariables();
            historyTimeToLive();
            expressions();
            userTasks();
            businessRuleTasks();
            messages();
        }

        private void problem(ModelElementInstance element, String text) {
            problems.add(new ModelProblem(file, ownerId(element), text));
        }

        private void historyTimeToLive() {
            for (Process process : model.getModelElementsByType(Process.class)) {
                if (process.isExecutable() && blank(process.getCamundaHistoryTimeToLiveString())) {
                    problem(process, "the process has no camunda:historyTimeToLive (records retention; Caseway's"
                            + " processes use P2557D, 7 years)");
                }
            }
        }

        /** Names the model declares as variables: they are not beans even where they start a member access. */
        private void collectVariables() {
            model.getModelElementsByType(BusinessRuleTask.class).forEach(t -> add(t.getCamundaResultVariable()));
            model.getModelElementsByType(ServiceTask.class).forEach(t -> add(t.getCamundaResultVariable()));
            model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)
                    .forEach(m -> add(m.getCamundaElementVariable()));
            model.getModelElementsByType(CamundaInputParameter.class).forEach(p -> add(p.getCamundaName()));
            model.getModelElementsByType(CamundaOutputParameter.class).forEach(p -> add(p.getCamundaName()));
            model.getModelElementsByType(CamundaIn.class).forEach(in -> add(in.getCamundaTarget()));
            model.getModelElementsByType(CamundaOut.class).forEach(out -> add(out.getCamundaTarget()));
        }

        private void add(String variable) {
            if (!blank(variable)) {
                variables.add(variable);
            }
        }

        private void expressions() {
            for (CamundaTaskListener listener : model.getModelElementsByType(CamundaTaskListener.class)) {
                String what = "task listener (" + listener.getCamundaEvent()
                        + (listener.getAttributeValue("id") == null ? "" : " '" + listener.getAttributeValue("id") + "'")
                        + ")";
                beans(listener, what + " delegateExpression", listener.getCamundaDelegateExpression(), true);
                beans(listener, what + " expression", listener.getCamundaExpression(), false);
            }
            for (CamundaExecutionListener listener : model.getModelElementsByType(CamundaExecutionListener.class)) {
                String what = "execution listener (" + listener.getCamundaEvent() + ")";
                beans(listener, what + " delegateExpression", listener.getCamundaDelegateExpression(), true);
                beans(listener, what + " expression", listener.getCamundaExpression(), false);
            }
            for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
                beans(task, "delegateExpression", task.getCamundaDelegateExpression(), true);
                beans(task, "expression", task.getCamundaExpression(), false);
            }
            for (SendTask task : model.getModelElementsByType(SendTask.class)) {
                beans(task, "delegateExpression", task.getCamundaDelegateExpression(), true);
                beans(task, "expression", task.getCamundaExpression(), false);
            }
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                beans(task, "delegateExpression", task.getCamundaDelegateExpression(), true);
                beans(task, "expression", task.getCamundaExpression(), false);
                beans(task, "decisionRef", task.getCamundaDecisionRef(), false);
            }
            for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
                beans(definition, "message delegateExpression", definition.getCamundaDelegateExpression(), true);
                beans(definition, "message expression", definition.getCamundaExpression(), false);
            }
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                beans(task, "camunda:assignee", task.getCamundaAssignee(), false);
                beans(task, "camunda:candidateGroups", task.getCamundaCandidateGroups(), false);
                beans(task, "camunda:candidateUsers", task.getCamundaCandidateUsers(), false);
                beans(task, "camunda:dueDate", task.getCamundaDueDate(), false);
                beans(task, "camunda:followUpDate", task.getCamundaFollowUpDate(), false);
                beans(task, "camunda:priority", task.getCamundaPriority(), false);
            }
            // conditions, timers (also of timeout listeners), loop cardinalities and completion conditions
            for (Expression expression : model.getModelElementsByType(Expression.class)) {
                beans(expression, expression.getElementType().getTypeName(), expression.getTextContent(), false);
            }
            for (MultiInstanceLoopCharacteristics loop : model.getModelElementsByType(MultiInstanceLoopCharacteristics.class)) {
                beans(loop, "camunda:collection", loop.getCamundaCollection(), false);
            }
            for (CallActivity call : model.getModelElementsByType(CallActivity.class)) {
                beans(call, "calledElement", call.getCalledElement(), false);
            }
            for (CamundaIn in : model.getModelElementsByType(CamundaIn.class)) {
                beans(in, "camunda:in sourceExpression", in.getCamundaSourceExpression(), false);
                beans(in, "camunda:in businessKey", in.getCamundaBusinessKey(), false);
            }
            for (CamundaOut out : model.getModelElementsByType(CamundaOut.class)) {
                beans(out, "camunda:out sourceExpression", out.getCamundaSourceExpression(), false);
            }
            for (CamundaInputParameter parameter : model.getModelElementsByType(CamundaInputParameter.class)) {
                beans(parameter, "input parameter " + parameter.getCamundaName(), parameter.getTextContent(), false);
            }
            for (CamundaOutputParameter parameter : model.getModelElementsByType(CamundaOutputParameter.class)) {
                beans(parameter, "output parameter " + parameter.getCamundaName(), parameter.getTextContent(), false);
            }
        }

        private void beans(ModelElementInstance element, String where, String text, boolean wholeIsBean) {
            for (String bean : ExpressionBeans.in(text, wholeIsBean, variables)) {
                if (!beanExists.test(bean)) {
                    problem(element, where + " " + text.strip() + " calls bean '" + bean
                            + "', which does not exist in Caseway (processes/README.md \"Beans the models call\")");
                }
            }
        }

        private void userTasks() {
            for (UserTask task : model.getModelElementsByType(UserTask.class)) {
                String formRef = task.getCamundaFormRef();
                if (blank(formRef)) {
                    problem(task, "the user task has no form (camunda:formRef with binding deployment)");
                } else if (!formRef.contains("${") && !formIds.contains(formRef)) {
                    problem(task, "camunda:formRef '" + formRef + "' is not the id of any form in forms/");
                }
                if (blank(task.getCamundaAssignee()) && blank(task.getCamundaCandidateGroups())
                        && blank(task.getCamundaCandidateUsers())
                        && task.getChildElementsByType(ResourceRole.class).isEmpty()) {
                    problem(task, "the user task has no assignment (candidate groups, candidate users or assignee)");
                }
                slaBlock(task);
            }
        }

        private boolean appliesSlaByProperty(UserTask task) {
            return task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                    .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
                    .flatMap(properties -> properties.getCamundaProperties().stream())
                    .anyMatch(property -> SlaBlockParsePlugin.PROPERTY.equals(property.getCamundaName())
                            && SlaBlockParsePlugin.POLICY.equals(property.getCamundaValue()));
        }

        private void slaBlock(UserTask task) {
            List<CamundaTaskListener> listeners = task.getExtensionElements() == null ? List.of()
                    : task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list();
            if (listeners.stream().noneMatch(l -> SLA_CLOCK.equals(strip(l.getCamundaDelegateExpression())))
                    && appliesSlaByProperty(task)) {
                return; // the "Apply SLA" template: the engine adds the block (org.caseway.sla.SlaBlockParsePlugin)
            }
            for (String event : SLA_CLOCK_EVENTS) {
                boolean clocked = listeners.stream().anyMatch(l -> event.equals(l.getCamundaEvent())
                        && SLA_CLOCK.equals(strip(l.getCamundaDelegateExpression())));
                if (!clocked) {
                    problem(task, "the SLA block is incomplete: no task listener " + SLA_CLOCK + " on '" + event + "'");
                }
            }
            for (SlaBlockParsePlugin.Timeout expected : SLA_TIMEOUTS) {
                CamundaTaskListener listener = listeners.stream()
                        .filter(l -> "timeout".equals(l.getCamundaEvent())
                                && expected.id().equals(l.getAttributeValue("id")))
                        .findFirst().orElse(null);
                if (listener == null) {
                    problem(task, "the SLA block is incomplete: no timeout listener '" + expected.id() + "' ("
                            + expected.delegateExpression() + " at " + expected.timeDate() + ")");
                    continue;
                }
                if (!expected.delegateExpression().equals(strip(listener.getCamundaDelegateExpression()))) {
                    problem(task, "timeout listener '" + expected.id() + "' must call " + expected.delegateExpression());
                }
                boolean timed = listener.getTimeouts().stream().map(TimerEventDefinition::getTimeDate)
                        .anyMatch(date -> date != null && expected.timeDate().equals(strip(date.getTextContent())));
                if (!timed) {
                    problem(task, "timeout listener '" + expected.id() + "' must have the timer timeDate "
                            + expected.timeDate());
                }
            }
        }

        private void businessRuleTasks() {
            for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
                String ref = task.getCamundaDecisionRef();
                if (blank(ref)) {
                    if (blank(task.getCamundaDelegateExpression()) && blank(task.getCamundaClass())
                            && blank(task.getCamundaExpression())) {
                        problem(task, "the business rule task has no camunda:decisionRef");
                    }
                    continue;
                }
                if (ref.contains("${") || ref.contains("#{")) {
                    continue;
                }
                Set<String> outputs = decisionOutputs.get(ref);
                if (outputs == null) {
                    problem(task, "camunda:decisionRef '" + ref + "' is not the id of any decision in the DMN models");
                    continue;
                }
                String mapping = Objects.requireNonNullElse(task.getCamundaMapDecisionResult(), "resultList");
                if (SINGLE_OUTPUT_MAPPINGS.contains(mapping) && outputs.size() != 1) {
                    problem(task, "camunda:mapDecisionResult " + mapping + " takes the one output of a decision, but '"
                            + ref + "' has " + outputs.size() + " outputs " + outputs);
                }
                String result = task.getCamundaResultVariable();
                if (blank(result)) {
                    continue;
                }
                Pattern use = Pattern.compile("(?<![\\w.])" + Pattern.quote(result)
                        + "\\s*(?:\\[\\s*\\d+\\s*\\])?\\s*\\.\\s*([A-Za-z_]\\w*)\\s*(\\()?");
                List<CamundaOutputParameter> parameters = task.getExtensionElements() == null ? List.of()
                        : task.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                                .stream().flatMap(io -> io.getCamundaOutputParameters().stream()).toList();
                for (CamundaOutputParameter parameter : parameters) {
                    Matcher matcher = use.matcher(Objects.requireNonNullElse(parameter.getTextContent(), ""));
                    while (matcher.find()) {
                        if (matcher.group(2) == null && !outputs.contains(matcher.group(1))) {
                            problem(task, "output parameter " + parameter.getCamundaName() + " uses output '"
                                    + matcher.group(1) + "', which decision '" + ref + "' does not have " + outputs);
                        }
                    }
                }
            }
        }

        private void messages() {
            for (Message message : model.getModelElementsByType(Message.class)) {
                if (blank(message.getName())) {
                    problem(message, "the message has no name");
                } else if (!correlatedMessages.contains(message.getName())) {
                    problem(message, "message '" + message.getName() + "' is not correlated by any Caseway code"
                            + " (CaseProcess.MESSAGE_*): it would never arrive");
                }
            }
        }
    }

    /** The id of the flow element, process or message an element belongs to (itself included). */
    static String ownerId(ModelElementInstance element) {
        ModelElementInstance current = element;
        while (current != null) {
            if (current instanceof FlowElement || current instanceof Process || current instanceof Message) {
                return current.getAttributeValue("id");
            }
            current = current.getParentElement();
        }
        return element.getAttributeValue("id");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
