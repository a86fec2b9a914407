package dev.manifold.daemon.selection;

/**
 * User input quoted back in error messages, kept short: annotation values can be long, and a CNI
 * error message should stay well under 1 KiB.
 */
final class Echo {
    static final int MAX = 64;

    private Echo() {
    }

    /**
     * {@code s} for use between double quotes: cut to {@value #MAX} characters ("…" when cut),
     * quotes and control characters escaped.
     */
    static String brief(String s) {
        return escape(cut(s, MAX), true);
    }

    /** {@code s} cut to {@code max} characters ("…" when cut), control characters escaped. */
    static String cut(String s, int max) {
        return escape(s.length() <= max ? s : s.substring(0, max - 1) + "…", false);
    }

    private static String escape(String s, boolean quotes) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && quotes) {
                out.append("\\\"");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
