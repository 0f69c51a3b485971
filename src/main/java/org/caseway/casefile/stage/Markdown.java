package org.caseway.casefile.stage;

/** Text typed by people, made safe to show inside the markdown of a form's text field. */
public final class Markdown {

    private static final String SPECIAL = "\\`*_{}[]()#+-.!|<>~&";

    private Markdown() {
    }

    /** Room for a display value: the engine stores a text variable in at most 4000 characters. */
    static final int DISPLAY_LIMIT = 3900;

    /** Shortens a display value that would not fit, pointing to the case file for the rest. */
    public static String cap(String markdown) {
        if (markdown == null || markdown.length() <= DISPLAY_LIMIT) {
            return markdown;
        }
        return markdown.substring(0, DISPLAY_LIMIT - 40) + " … (continued in the case file)";
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
