package org.caseway.modeling;

/**
 * Something wrong with a model: the file, the element (its id; null when the file as a whole is wrong,
 * e.g. not readable) and what is wrong, in words an analyst can act on.
 */
public record ModelProblem(String file, String elementId, String problem) {

    @Override
    public String toString() {
        return file + (elementId == null ? "" : ", element " + elementId) + ": " + problem;
    }
}
