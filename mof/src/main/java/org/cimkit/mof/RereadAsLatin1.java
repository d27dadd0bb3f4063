package org.cimkit.mof;

/** A file turned out to be ISO-8859-1 only after UTF-8 text: the compile starts over. */
final class RereadAsLatin1 extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String identity;

    RereadAsLatin1(String identity) {
        super(null, null, false, false);
        this.identity = identity;
    }
}
