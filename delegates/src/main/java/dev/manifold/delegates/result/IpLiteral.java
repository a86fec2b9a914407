package dev.manifold.delegates.result;

import java.util.Optional;

/**
 * Recognises IP address literals and CIDRs by their text alone. {@link java.net.InetAddress}
 * would resolve anything that is not a literal through DNS, which a result parser must never do.
 * Accepted: dotted-quad IPv4 without leading zeros (as Go's net.ParseIP since 1.17), and IPv6 in
 * any RFC 4291 text form, with an embedded IPv4 tail; no zone ({@code %eth0}), no brackets.
 */
final class IpLiteral {
    enum Family {
        V4(32), V6(128);

        private final int bits;

        Family(int bits) {
            this.bits = bits;
        }

        int bits() {
            return bits;
        }
    }

    private static final int V6_GROUPS = 8;

    private IpLiteral() {
    }

    /** The family of a bare address, empty when {@code text} is not one. */
    static Optional<Family> familyOf(String text) {
        if (isV4(text)) {
            return Optional.of(Family.V4);
        }
        return isV6(text) ? Optional.of(Family.V6) : Optional.empty();
    }

    /**
     * The family of {@code address/prefix}, empty unless the address is a literal and the prefix a
     * decimal within the family's bit length.
     */
    static Optional<Family> familyOfCidr(String text) {
        int slash = text.lastIndexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        String prefix = text.substring(slash + 1);
        if (prefix.isEmpty() || prefix.length() > 3 || !isDecimal(prefix)) {
            return Optional.empty();
        }
        int bits = Integer.parseInt(prefix);
        return familyOf(text.substring(0, slash)).filter(f -> bits <= f.bits());
    }

    private static boolean isV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !isDecimal(part)
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV6(String text) {
        int gap = text.indexOf("::");
        if (gap < 0) {
            return groups(text, true) == V6_GROUPS;
        }
        if (text.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int head = groups(text.substring(0, gap), false);
        int tail = groups(text.substring(gap + 2), true);
        // "::" stands for at least one group of zeros.
        return head >= 0 && tail >= 0 && head + tail < V6_GROUPS;
    }

    /** How many 16-bit groups {@code part} holds, or -1 when it is malformed. */
    private static int groups(String part, boolean mayEndInV4) {
        if (part.isEmpty()) {
            return 0;
        }
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (mayEndInV4 && i == groups.length - 1 && g.indexOf('.') >= 0) {
                if (!isV4(g)) {
                    return -1;
                }
                count += 2;
            } else if (isHexGroup(g)) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isHexGroup(String g) {
        return !g.isEmpty() && g.length() <= 4
                && g.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    }

    // ASCII only: Character.isDigit (and Integer.parseInt) also accept other scripts' digits.
    private static boolean isDecimal(String s) {
        return s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
