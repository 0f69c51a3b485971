package org.caseway.notification;

import java.util.regex.Pattern;

/**
 * What to tell someone. Never client names, birth dates or notes: the case number, the task's
 * name and times only.
 *
 * @param kind what happened, e.g. "SLA_REMINDER", "SLA_ESCALATION", "SLA_SECOND_ESCALATION"
 * @param caseNumber the case it is about, or null
 * @param subject one line (line breaks become spaces; longer than 200 characters is cut)
 * @param body plain text (longer than 4000 characters is cut)
 */
public record Notice(String kind, String caseNumber, String subject, String body) {

    static final int SUBJECT_MAX = 200;
    static final int BODY_MAX = 4000;
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern CASE_NUMBER = Pattern.compile("[A-Za-z0-9-]{1,32}");

    public Notice {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be 2-40 capitals, digits or underscores: " + kind);
        }
        if (caseNumber != null && !CASE_NUMBER.matcher(caseNumber).matches()) {
            throw new IllegalArgumentException("caseNumber must be up to 32 letters, digits or hyphens");
        }
        if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
            throw new IllegalArgumentException("a notice needs a subject and a body");
        }
        subject = cut(subject.strip().replaceAll("\\s+", " "), SUBJECT_MAX);
        body = cut(body.strip(), BODY_MAX);
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** Kind and case number only, so a stray log line carries no message text. */
    @Override
    public String toString() {
        return "Notice[" + kind + ", case " + caseNumber + "]";
    }
}
