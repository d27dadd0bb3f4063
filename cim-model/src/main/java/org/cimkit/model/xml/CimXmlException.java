package org.cimkit.model.xml;

import java.util.Objects;

/**
 * A CIM-XML document that cannot be accepted: not well-formed XML, well-formed but not a valid
 * CIM-XML document (unknown element, missing attribute, bad value...), or over a resource limit.
 * The message starts with the position: {@code line 3, column 17: ...}.
 */
public class CimXmlException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Kind { NOT_WELL_FORMED, NOT_VALID, LIMIT_EXCEEDED }

    private final Kind kind;
    private final int line;
    private final int column;
    private final String limitName;
    private final String detail;

    public CimXmlException(Kind kind, int line, int column, String limitName, String detail, Throwable cause) {
        super("line " + line + ", column " + column + ": " + detail, cause);
        this.kind = Objects.requireNonNull(kind);
        this.line = line;
        this.column = column;
        this.limitName = kind == Kind.LIMIT_EXCEEDED ? limitName : null;
        this.detail = detail;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based line of the problem (or where the parser was when it was found); -1 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, -1 if unknown. */
    public int column() {
        return column;
    }

    /** The {@link XmlLimits} component that was exceeded (e.g. {@code maxDepth}); null for other kinds. */
    public String limitName() {
        return limitName;
    }

    /** The message without the position prefix. */
    public String detail() {
        return detail;
    }
}
