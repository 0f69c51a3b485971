package org.caseway.modeling;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The bean names an expression of a model refers to. A name is a bean reference when it starts a
 * member access ({@code ${caseTeam.caseManagers(execution)}}) or is the whole of a delegate expression
 * ({@code ${slaClock}}); {@code execution}, {@code task}, the variables the model itself declares and
 * everything else (process variables in conditions, string literals, EL keywords, functions) are not.
 */
final class ExpressionBeans {

    /** Names the engine puts into every expression's context, and EL's reserved words. */
    private static final Set<String> NOT_BEANS = Set.of("execution", "task", "authenticatedUserId", "variableScope",
            "true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod",
            "instanceof");

    private ExpressionBeans() {
    }

    /**
     * The bean names the text refers to in its {@code ${...}} and {@code #{...}} parts.
     *
     * @param text an attribute value or element text of a model; text without expressions has none
     * @param wholeIsBean true for delegate expressions: a lone {@code ${name}} is a bean reference
     * @param variables names the model declares as variables (result variables, loop element variables)
     */
    static Set<String> in(String text, boolean wholeIsBean, Set<String> variables) {
        Set<String> beans = new LinkedHashSet<>();
        if (text == null) {
            return beans;
        }
        int i = 0;
        while (i < text.length() - 1) {
            char c = text.charAt(i);
            if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
                int end = closingBrace(text, i + 2);
                String body = text.substring(i + 2, end);
                String whole = body.strip();
                if (wholeIsBean && isIdentifier(whole) && !NOT_BEANS.contains(whole)) {
                    beans.add(whole);
                } else {
                    for (String name : memberAccessRoots(body)) {
                        if (!NOT_BEANS.contains(name) && !variables.contains(name)) {
                            beans.add(name);
                        }
                    }
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return beans;
    }

    /** Identifiers not preceded by a dot and followed by one (string literals skipped). */
    private static Set<String> memberAccessRoots(String body) {
        Set<String> roots = new LinkedHashSet<>();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '\'' || c == '"') {
                i = afterString(body, i);
            } else if (Character.isDigit(c)) {
                while (i < body.length() && (Character.isLetterOrDigit(body.charAt(i)) || body.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = i;
                while (i < body.length() && Character.isJavaIdentifierPart(body.charAt(i))) {
                    i++;
                }
                if (neighbour(body, start - 1, -1) != '.' && neighbour(body, i, 1) == '.') {
                    roots.add(body.substring(start, i));
                }
            } else {
                i++;
            }
        }
        return roots;
    }

    private static char neighbour(String body, int from, int step) {
        for (int i = from; i >= 0 && i < body.length(); i += step) {
            if (!Character.isWhitespace(body.charAt(i))) {
                return body.charAt(i);
            }
        }
        return ' ';
    }

    private static int closingBrace(String text, int from) {
        int depth = 0;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                i = afterString(text, i);
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
            i++;
        }
        return text.length();
    }

    private static int afterString(String text, int quote) {
        char delimiter = text.charAt(quote);
        int i = quote + 1;
        while (i < text.length() && text.charAt(i) != delimiter) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static boolean isIdentifier(String text) {
        if (text.isEmpty() || !Character.isJavaIdentifierStart(text.charAt(0))) {
            return false;
        }
        return text.chars().allMatch(Character::isJavaIdentifierPart);
    }
}
