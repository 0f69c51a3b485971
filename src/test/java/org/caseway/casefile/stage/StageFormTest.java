package org.caseway.casefile.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caseway.casefile.stage.FormField.choice;
import static org.caseway.casefile.stage.FormField.date;
import static org.caseway.casefile.stage.FormField.flag;
import static org.caseway.casefile.stage.FormField.note;
import static org.caseway.casefile.stage.FormField.number;
import static org.caseway.casefile.stage.FormField.text;

import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.caseway.casefile.stage.Problems.InvalidStageDataException;
import org.junit.jupiter.api.Test;

/** The server-side reading of a submitted form: types, required fields, limits, and every problem at once. */
class StageFormTest {

    private static final StageForm FORM = StageForm.of("someStep",
            choice("decision", "YES", "NO").required().routing(),
            text("phone", 20).matching("^[+0-9 ()-]{6,20}$"),
            date("on").required(),
            flag("agreed"),
            number("minutes", 1, 1440),
            note("notes", 10));

    private StageData read(Map<String, Object> submitted, Problems problems) {
        return FORM.read(submitted::get, problems);
    }

    @Test
    void convertsWhatTasklistAndRestClientsSubmit() {
        Problems problems = new Problems();
        Map<String, Object> submitted = new HashMap<>(Map.of("decision", "YES", "phone", " +1 555 0100 ",
                "on", "2026-11-26", "agreed", "true", "minutes", 45.0, "notes", "short"));

        StageData data = read(submitted, problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(data.text("decision")).isEqualTo("YES");
        assertThat(data.text("phone")).isEqualTo("+1 555 0100");
        assertThat(data.date("on")).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(data.flag("agreed")).isTrue();
        assertThat(data.number("minutes")).isEqualTo(45L);
        assertThat(FORM.structured(data)).containsEntry("on", "2026-11-26").doesNotContainKey("notes");
    }

    @Test
    void acceptsEngineDatesAndTreatsBlankAsMissing() {
        Problems problems = new Problems();
        Date engineDate = Date.from(LocalDate.of(2026, 1, 2).atStartOfDay(java.time.ZoneId.systemDefault()).toInstant());

        StageData data = read(Map.of("decision", "NO", "on", engineDate, "phone", "   "), problems);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(data.date("on")).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(data.has("phone")).isFalse();
        assertThat(data.flag("agreed")).isFalse();
    }

    @Test
    void reportsEveryBadFieldByName() {
        Problems problems = new Problems();

        read(Map.of("phone", "call me", "on", "26/11/2026", "agreed", "maybe", "minutes", 2000,
                "notes", "far too long for ten"), problems);

        assertThatThrownBy(() -> problems.throwIfAny("someStep"))
                .isInstanceOf(InvalidStageDataException.class)
                .satisfies(e -> assertThat(((InvalidStageDataException) e).problems())
                        .containsOnlyKeys("decision", "phone", "on", "agreed", "minutes", "notes")
                        .containsEntry("decision", "is required")
                        .containsEntry("minutes", "must be between 1 and 1440")
                        .containsEntry("notes", "must be at most 10 characters"))
                .hasMessageContaining("Cannot complete 'someStep'");
    }

    @Test
    void refusesValuesOutsideAChoiceAndFractionsOfWholeNumbers() {
        Problems problems = new Problems();

        read(Map.of("decision", "PERHAPS", "on", "2026-11-26", "minutes", 1.5), problems);

        assertThatThrownBy(() -> problems.throwIfAny("someStep"))
                .hasMessageContaining("decision must be one of YES, NO")
                .hasMessageContaining("minutes must be a whole number");
    }
}
