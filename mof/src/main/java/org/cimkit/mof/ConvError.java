package org.cimkit.mof;

/** A value that cannot be converted; a null message means the problem was already reported. */
final class ConvError extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Ast.Pos pos;

    ConvError(Ast.Pos pos, String message) {
        super(message, null, false, false);
        this.pos = pos;
    }
}
