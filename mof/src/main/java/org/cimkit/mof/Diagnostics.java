package org.cimkit.mof;

import java.util.ArrayList;
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

    List<MofError> errors() {
        return errors;
    }
}
