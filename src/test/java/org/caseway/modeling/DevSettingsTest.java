package org.caseway.modeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caseway.system.CasewayProperties.Dev;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/** The dev profile's settings as the application binds them (Spring Boot's binder and validation, no start). */
class DevSettingsTest {

    private static final String PREFIX = "caseway.dev";

    @Test
    void theShippedSettingsWatchTheProjectFoldersOfTheWorkingDirectory() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yaml", new ClassPathResource("application.yaml"));

        Dev dev = bind(yaml.get(0));

        assertThat(dev.modelsFolder()).isEqualTo(Path.of("processes"));
        assertThat(dev.formsFolder()).isEqualTo(Path.of("forms"));
        assertThat(dev.debounce()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aDebounceOutsideFiftyMillisecondsToAMinuteStopsTheStart() {
        for (String debounce : List.of("10ms", "2m")) {
            Map<String, Object> settings = Map.of(PREFIX + ".models-dir", "/srv/models", PREFIX + ".forms-dir", "forms",
                    PREFIX + ".debounce", debounce);

            assertThatThrownBy(() -> bind(new MapPropertySource("test", settings)))
                    .isInstanceOf(BindException.class)
                    .cause().isInstanceOf(BindValidationException.class).hasMessageContaining("debounce");
        }
    }

    @Test
    void aMissingFolderStopsTheStart() {
        Map<String, Object> settings = Map.of(PREFIX + ".forms-dir", "forms", PREFIX + ".debounce", "1s");

        assertThatThrownBy(() -> bind(new MapPropertySource("test", settings)))
                .isInstanceOf(BindException.class)
                .cause().isInstanceOf(BindValidationException.class).hasMessageContaining("modelsDir");
    }

    private static Dev bind(PropertySource<?> source) {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Binder binder = new Binder(ConfigurationPropertySources.from(source),
                    new PropertySourcesPlaceholdersResolver(List.of(source)));
            ValidationBindHandler validation = new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator()));
            return binder.bindOrCreate(PREFIX, Bindable.of(Dev.class), validation);
        }
    }
}
