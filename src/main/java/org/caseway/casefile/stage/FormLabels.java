package org.caseway.casefile.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The labels people see on each form (read from the deployed forms/*.form files), so that a
 * refused submission names the field as Tasklist shows it, not by its variable name.
 */
@Component
public class FormLabels {

    private final Map<String, Map<String, String>> byForm = new HashMap<>();

    FormLabels(ObjectMapper json) throws IOException {
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/*.form")) {
            try (InputStream in = resource.getInputStream()) {
                JsonNode form = json.readTree(in);
                Map<String, String> labels = new HashMap<>();
                form.path("components").forEach(component -> {
                    String key = component.path("key").asText(null);
                    String label = component.path("label").asText(component.path("dateLabel").asText(null));
                    if (key != null && label != null) {
                        labels.put(key, label);
                    }
                });
                byForm.put(form.path("id").asText(), Map.copyOf(labels));
            }
        }
    }

    /** The field's label on the task's form, or the field name where the form has none. */
    public String of(String taskKey, String field) {
        return byForm.getOrDefault(taskKey, Map.of()).getOrDefault(field, field);
    }
}
