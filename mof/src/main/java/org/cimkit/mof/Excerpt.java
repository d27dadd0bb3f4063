package org.cimkit.mof;

/**
 * The line of text around an error position with a caret line under the column. A line longer than
 * {@link #CONTEXT} characters on either side of the caret is cut and marked with "...", so one
 * enormous line (a generated MOF file without line breaks) never has to be kept whole.
 */
final class Excerpt {
    /** The most characters of a line shown (and kept) on either side of an error position. */
    static final int CONTEXT = 4096;

    private Excerpt() {
    }

    /**
     * The excerpt for position {@code at} of {@code text}. {@code startsLine}/{@code endsLine} say
     * whether the first/last character of {@code text} begins/ends a line (rather than being cut).
     */
    static String of(CharSequence text, int at, boolean startsLine, boolean endsLine) {
        int o = Math.max(0, Math.min(at, text.length()));
        int start = o;
        while (start > 0 && o - start < CONTEXT && !isLineBreak(text.charAt(start - 1))) {
            start--;
        }
        boolean cutBefore = start > 0 ? !isLineBreak(text.charAt(start - 1)) : !startsLine;
        int end = o;
        while (end < text.length() && end - o < CONTEXT && !isLineBreak(text.charAt(end))) {
            end++;
        }
        boolean cutAfter = end < text.length() ? !isLineBreak(text.charAt(end)) : !endsLine;
        StringBuilder sb = new StringBuilder(2 * (end - start) + 10);
        String cut = "...";
        sb.append(cutBefore ? cut : "").append(text, start, end).append(cutAfter ? cut : "").append('\n');
        sb.append(cutBefore ? "   " : "");
        for (int i = start; i < o; i++) {
            sb.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sb.append('^').toString();
    }

    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }
}
