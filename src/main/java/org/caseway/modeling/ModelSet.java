package org.caseway.modeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;

/**
 * A set of model files read with Camunda's model APIs: the BPMN and DMN model instances and each form's id,
 * and a problem for every file that cannot be read.
 */
final class ModelSet {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, BpmnModelInstance> processes = new LinkedHashMap<>();
    final Map<String, DmnModelInstance> decisions = new LinkedHashMap<>();
    /** Form id by file. */
    final Map<String, String> forms = new LinkedHashMap<>();
    final List<ModelProblem> unreadable = new ArrayList<>();

    static ModelSet read(Collection<ModelResource> resources) {
        ModelSet set = new ModelSet();
        for (ModelResource resource : resources) {
            try {
                if (resource.isBpmn()) {
                    set.processes.put(resource.name(), Bpmn.readModelFromStream(new ByteArrayInputStream(resource.bytes())));
                } else if (resource.isDmn()) {
                    set.decisions.put(resource.name(), Dmn.readModelFromStream(new ByteArrayInputStream(resource.bytes())));
                } else if (resource.isForm()) {
                    set.readForm(resource);
                }
            } catch (RuntimeException e) {
                set.unreadable.add(new ModelProblem(resource.name(), null, "cannot be read as "
                        + (resource.isBpmn() ? "BPMN" : "DMN") + ": " + rootMessage(e)));
            }
        }
        return set;
    }

    private void readForm(ModelResource resource) {
        JsonNode form;
        try {
            form = JSON.readTree(resource.bytes());
        } catch (IOException e) {
            unreadable.add(new ModelProblem(resource.name(), null, "is not a readable form (JSON): "
                    + rootMessage(e).lines().findFirst().orElse("")));
            return;
        }
        JsonNode id = form == null ? null : form.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            unreadable.add(new ModelProblem(resource.name(), null, "is not a Camunda form: it has no \"id\""));
            return;
        }
        forms.put(resource.name(), id.asText());
    }

    /** The executable processes' keys of a BPMN file. */
    Set<String> processKeys(String file) {
        Set<String> keys = new LinkedHashSet<>();
        for (Process process : processes.get(file).getModelElementsByType(Process.class)) {
            if (process.isExecutable()) {
                keys.add(process.getId());
            }
        }
        return keys;
    }

    /** The form ids a BPMN file's user tasks refer to ({@code camunda:formRef}). */
    Set<String> formRefs(String file) {
        Set<String> refs = new LinkedHashSet<>();
        for (UserTask task : processes.get(file).getModelElementsByType(UserTask.class)) {
            if (task.getCamundaFormRef() != null && !task.getCamundaFormRef().isBlank()) {
                refs.add(task.getCamundaFormRef());
            }
        }
        return refs;
    }

    /** The decision keys of a DMN file. */
    Set<String> decisionKeys(String file) {
        Set<String> keys = new LinkedHashSet<>();
        for (Decision decision : decisions.get(file).getModelElementsByType(Decision.class)) {
            keys.add(decision.getId());
        }
        return keys;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        String message = e.getMessage();
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            if (cause instanceof org.xml.sax.SAXParseException sax) {
                message = "line " + sax.getLineNumber() + ": " + sax.getMessage();
            } else if (cause.getMessage() != null) {
                message = cause.getMessage();
            }
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        // the schema validator's "Error: URI=null Line=4: cvc-..." as "line 4: cvc-..."
        return message.replaceFirst("^Error: URI=\\S+ Line=(\\d+): ", "line $1: ");
    }
}
