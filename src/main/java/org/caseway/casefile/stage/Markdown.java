package org.caseway.casefile.stage;

/** Text typed by people, made safe to show inside the markdown of a form's text field. */
public final class Markdown {

    private static final String SPECIAL = "\\`*_{}[]()#+-.!|<>~&";

    private Markdown() {
    }

    /** Escapes markdown and HTML characters and folds line breaks, so the text shows as typed. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String raw = value.toString().replaceAll("\\s+", " ").strip();
        StringBuilder escaped = new StringBuilder(raw.length() + 16);
        for (char c : raw.toCharArray()) {
            if (SPECIAL.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
