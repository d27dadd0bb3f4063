package org.cimkit.mof;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one compile. */
final class Diagnostics {
    private final List<MofError> errors = new ArrayList<>();

    void error(SourceText text, long offset, int line, int column, String message) {
        errors.add(new MofError(text.name(), line, column, message, text.excerpt(offset)));
    }

    void error(Ast.Pos pos, String message) {
        error(pos.text(), pos.offset(), pos.line(), pos.column(), message);
    }

    void error(MofError e) {
        errors.add(e);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    /**
     * Puts the errors found since {@code mark} (a {@link #count()}) in source order; they must all be
     * in one file (e.g. one declaration's, found by checks that run one after the other).
     */
    void sortSince(int mark) {
        if (errors.size() - mark > 1) {
            errors.subList(mark, errors.size()).sort(Comparator.comparingInt(MofError::line)
                    .thenComparingInt(MofError::column));
        }
    }

    List<MofError> errors() {
        return errors;
    }
}
