package org.caseway.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NoticeTest {

    @Test
    void aNoticeNeedsAKindASubjectAndABody() {
        assertThatThrownBy(() -> new Notice("sla reminder", "CW-2026-000001", "Due", "Due at 10:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice("SLA_REMINDER", "CW-2026-000001", " ", "Due at 10:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice("SLA_REMINDER", "CW-2026-000001", "Due", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Notice("SLA_REMINDER", "CW 1; DROP", "Due", "Due at 10:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Notice("SLA_REMINDER", null, "Due", "Due at 10:00").caseNumber()).isNull();
    }

    @Test
    void theSubjectIsOneLineAndLongTextIsCut() {
        Notice notice = new Notice("SLA_ESCALATION", "CW-2026-000001", "Overdue:\r\nBcc: someone@example.org",
                "x".repeat(5000));
        assertThat(notice.subject()).isEqualTo("Overdue: Bcc: someone@example.org");
        assertThat(notice.body()).hasSize(Notice.BODY_MAX).endsWith("...");
        assertThat(new Notice("SLA_REMINDER", null, "s".repeat(300), "b").subject()).hasSize(Notice.SUBJECT_MAX);
    }

    @Test
    void itsTextNeverReachesALogLine() {
        assertThat(new Notice("SLA_REMINDER", "CW-2026-000001", "Intake is due", "Due at 10:00"))
                .hasToString("Notice[SLA_REMINDER, case CW-2026-000001]");
    }
}
