package org.cimkit.model.xml;

import java.util.Objects;

/**
 * Options of a {@link CimXmlWriter}.
 *
 * @param defaultHost          HOST written in NAMESPACEPATH when a path has no host of its own
 * @param nullElementsInArrays true: NULL array elements as VALUE.NULL (DSP0201, pywbem); false: as an
 *                             empty VALUE, which is what wbemcli can parse (it reads back as NULL for
 *                             every type but string, where it is the empty string)
 */
public record WriterOptions(String defaultHost, boolean nullElementsInArrays) {
    public static final WriterOptions DEFAULT = new WriterOptions("localhost", false);

    public WriterOptions {
        Objects.requireNonNull(defaultHost, "defaultHost");
    }

    public WriterOptions withDefaultHost(String host) {
        return new WriterOptions(host, nullElementsInArrays);
    }

    public WriterOptions withNullElementsInArrays(boolean b) {
        return new WriterOptions(defaultHost, b);
    }
}
