package dev.manifold.daemon.selection;

import java.util.regex.Pattern;

/** The Kubernetes object-name rules (apimachinery validation: IsDNS1123Label / IsDNS1123Subdomain). */
public final class Dns1123 {
    private static final int LABEL_MAX = 63;
    private static final int SUBDOMAIN_MAX = 253;
    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern LABEL_PATTERN = Pattern.compile(LABEL);
    private static final Pattern SUBDOMAIN_PATTERN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

    private Dns1123() {
    }

    /** Why {@code s} is not a DNS-1123 label, or {@code null} when it is one. */
    public static String labelProblem(String s) {
        if (s.isEmpty()) {
            return "is empty";
        }
        if (s.length() > LABEL_MAX) {
            return "is longer than " + LABEL_MAX + " characters";
        }
        if (!LABEL_PATTERN.matcher(s).matches()) {
            return "must be a DNS-1123 label: lower-case letters, digits and '-', "
                    + "starting and ending with a letter or digit";
        }
        return null;
    }

    /** Why {@code s} is not a DNS-1123 subdomain, or {@code null} when it is one. */
    public static String subdomainProblem(String s) {
        if (s.isEmpty()) {
            return "is empty";
        }
        if (s.length() > SUBDOMAIN_MAX) {
            return "is longer than " + SUBDOMAIN_MAX + " characters";
        }
        if (!SUBDOMAIN_PATTERN.matcher(s).matches()) {
            return "must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit";
        }
        return null;
    }
}
