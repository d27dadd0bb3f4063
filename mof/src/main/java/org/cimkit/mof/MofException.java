package org.cimkit.mof;

import java.util.List;
import java.util.stream.Collectors;

/** All errors of one failed compile. The message lists each as {@code file:line:col: message} plus its excerpt. */
public final class MofException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<MofError> errors;

    public MofException(List<MofError> errors) {
        super(errors.stream().map(MofError::format).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a MofException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<MofError> errors() {
        return errors;
    }

    /** The first error (the one a caller usually shows). */
    public MofError first() {
        return errors.get(0);
    }
}
