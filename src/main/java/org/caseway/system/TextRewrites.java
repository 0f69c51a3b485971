package org.caseway.system;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The rewrite an engine statement plugin works out for each text MyBatis writes, kept per text: the text holds no
 * parameter values, so their number is the number of shapes of the statement the engine runs. At most
 * {@link #MAX_TEXTS} texts are kept; beyond that a new text's rewrite is worked out at each call.
 *
 * @param <T> the rewrite of one text; a text without one (not the shape the plugin knows) runs as the engine wrote it
 */
final class TextRewrites<T> {

    static final int MAX_TEXTS = 1024;

    private final Function<String, T> rewrite;
    private final Map<String, Optional<T>> rewrites = new ConcurrentHashMap<>();

    /** @param rewrite a text's rewrite, or null if it has none */
    TextRewrites(Function<String, T> rewrite) {
        this.rewrite = rewrite;
    }

    /** This text's rewrite, if it has one. */
    Optional<T> of(String text) {
        Optional<T> kept = rewrites.get(text);
        if (kept == null) {
            kept = Optional.ofNullable(rewrite.apply(text));
            if (rewrites.size() < MAX_TEXTS) {
                rewrites.putIfAbsent(text, kept);
            }
        }
        return kept;
    }

    /** How many of the texts seen so far have a rewrite. */
    long rewrittenTexts() {
        return rewrites.values().stream().filter(Optional::isPresent).count();
    }
}
