package org.cimkit.mof;

import java.util.ArrayList;
import java.util.List;

/** Collects the errors of one compile. */
final class Diagnostics {
    private final List<MofError> errors = new ArrayList<>();

    void error(Source src, int offset, int line, int column, String message) {
        errors.add(new MofError(src.name, line, column, message, src.excerpt(offset)));
    }

    void error(Ast.Pos pos, String message) {
        error(pos.source(), pos.offset(), pos.line(), pos.column(), message);
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
