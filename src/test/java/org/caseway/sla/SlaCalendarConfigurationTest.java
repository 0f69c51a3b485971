package org.caseway.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.caseway.system.CasewayProperties.Sla.Calendar;
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

/**
 * The working calendar as the application binds it from configuration (Spring Boot's binder and
 * validation, without starting the application): the shipped example and broken settings.
 */
class SlaCalendarConfigurationTest {

    private static final String PREFIX = "caseway.sla.calendar";

    @Test
    void theShippedCalendarIsWeekdaysNineToFiveWithTheFederalHolidaysOf2026And2027() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application.yaml", new ClassPathResource("application.yaml"));

        Calendar calendar = bind(yaml.get(0));

        assertThat(calendar.zone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(calendar.workingDays()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
        assertThat(calendar.opens()).isEqualTo(LocalTime.of(9, 0));
        assertThat(calendar.closes()).isEqualTo(LocalTime.of(17, 0));
        assertThat(calendar.holidays()).hasSize(23).isSorted().doesNotHaveDuplicates()
                .contains(LocalDate.of(2026, 1, 19), LocalDate.of(2026, 11, 26), LocalDate.of(2027, 12, 31))
                .allSatisfy(day -> assertThat(day.getYear()).isBetween(2026, 2027))
                // observed dates: a holiday falling on a weekend is listed on the Friday before or Monday after
                .allSatisfy(day -> assertThat(calendar.workingDays()).contains(day.getDayOfWeek()));
        assertThat(new BusinessCalendar(calendar).isWorkingDay(LocalDate.of(2027, 7, 5))).isFalse();
    }

    @Test
    void aCalendarWithoutWorkingDaysStopsTheStart() {
        Map<String, Object> settings = Map.of(PREFIX + ".zone", "Europe/Amsterdam", PREFIX + ".working-days", "",
                PREFIX + ".opens", "09:00", PREFIX + ".closes", "17:00");

        assertThatThrownBy(() -> bind(new MapPropertySource("test", settings)))
                .isInstanceOf(BindException.class)
                .cause().isInstanceOf(BindValidationException.class).hasMessageContaining("workingDays");
    }

    @Test
    void aCalendarThatClosesBeforeItOpensStopsTheStart() {
        Map<String, Object> settings = Map.of(PREFIX + ".zone", "Europe/Amsterdam", PREFIX + ".working-days", "MONDAY",
                PREFIX + ".opens", "17:00", PREFIX + ".closes", "09:00");

        assertThatThrownBy(() -> bind(new MapPropertySource("test", settings)))
                .isInstanceOf(BindException.class)
                .cause().isInstanceOf(BindValidationException.class).hasMessageContaining("opens must be before closes");
    }

    @Test
    void holidaysMayBeLeftOut() {
        Map<String, Object> settings = Map.of(PREFIX + ".zone", "UTC", PREFIX + ".working-days", "monday,tuesday",
                PREFIX + ".opens", "08:30", PREFIX + ".closes", "12:00");

        Calendar calendar = bind(new MapPropertySource("test", settings));

        assertThat(calendar.holidays()).isEmpty();
        assertThat(calendar.workingDays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.TUESDAY);
        assertThat(calendar.opens()).isEqualTo(LocalTime.of(8, 30));
    }

    private static Calendar bind(PropertySource<?> source) {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Binder binder = new Binder(ConfigurationPropertySources.from(source),
                    new PropertySourcesPlaceholdersResolver(List.of(source)));
            ValidationBindHandler validation = new ValidationBindHandler(new SpringValidatorAdapter(factory.getValidator()));
            return binder.bindOrCreate(PREFIX, Bindable.of(Calendar.class), validation);
        }
    }
}
