package org.cimkit.mof;

import java.util.Objects;

/**
 * One problem found while compiling MOF: where it is (file name as given, 1-based line and column),
 * what is wrong, and an excerpt (the source line and a caret under the column).
 */
public record MofError(String file, int line, int column, String message, String excerpt) {
    public MofError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        excerpt = excerpt == null ? "" : excerpt;
    }

    /** {@code file:line:col: message}. */
    public String headline() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    /** The headline followed by the excerpt lines. */
    public String format() {
        return excerpt.isEmpty() ? headline() : headline() + "\n" + excerpt;
    }

    @Override
    public String toString() {
        return headline();
    }
}
