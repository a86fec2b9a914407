package dev.manifold.daemon.selection;

/**
 * Textual IP addresses, CIDRs and hardware addresses as Go's {@code net.ParseIP},
 * {@code net.ParseCIDR} and {@code net.ParseMAC} accept them — what Multus and the plugins will
 * parse these values with. Pure syntax: never resolves a name (which
 * {@link java.net.InetAddress#getByName} would do for anything it does not take for a literal).
 */
final class AddressSyntax {
    private AddressSyntax() {
    }

    /** An IPv4 dotted quad (no leading zeros, as Go ≥ 1.17) or an IPv6 address (no zone). */
    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    /** {@code address/prefixLength}, with a prefix length that fits the address family. */
    static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0 || slash != s.lastIndexOf('/')) {
            return false;
        }
        String bits = s.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(AddressSyntax::isDigit)) {
            return false;
        }
        String ip = s.substring(0, slash);
        int max = isIpv4(ip) ? 32 : isIpv6(ip) ? 128 : -1;
        return max > 0 && Integer.parseInt(bits) <= max;
    }

    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(AddressSyntax::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String s) {
        int gap = s.indexOf("::");
        if (gap < 0) {
            return groups(s) == 8;
        }
        if (s.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int head = gap == 0 ? 0 : groups(s.substring(0, gap));
        int tail = gap + 2 == s.length() ? 0 : groups(s.substring(gap + 2));
        // An IPv4 part may only end the address, so none may come before "::" ("1.2.3.4::").
        if (head < 0 || tail < 0 || (gap > 0 && s.substring(0, gap).indexOf('.') >= 0)) {
            return false;
        }
        return head + tail <= 7;
    }

    /**
     * How many 16-bit groups a {@code :}-separated run holds (an IPv4 tail counts two), or -1
     * when it is malformed.
     */
    private static int groups(String run) {
        String[] parts = run.split(":", -1);
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.indexOf('.') >= 0) {
                if (!isIpv4(p)) {
                    return -1;
                }
                n += 2;
            } else if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(AddressSyntax::isHex)) {
                return -1;
            } else {
                n++;
            }
        }
        return n;
    }

    /**
     * How many octets a hardware address has — 6 (MAC-48), 8 (EUI-64, e.g. an InfiniBand GUID) or
     * 20 (IPoIB) — written as two-hex-digit octets separated by {@code :} or {@code -}, or as
     * four-hex-digit groups separated by {@code .}; -1 when {@code s} is none of these.
     */
    static int hardwareAddressOctets(String s) {
        if (s.length() < 14) {
            return -1;
        }
        int octets;
        char sep = s.charAt(2);
        if (sep == ':' || sep == '-') {
            if ((s.length() + 1) % 3 != 0) {
                return -1;
            }
            octets = (s.length() + 1) / 3;
            for (int i = 0; i < octets; i++) {
                int x = 3 * i;
                if (!isHex(s.charAt(x)) || !isHex(s.charAt(x + 1)) || (i < octets - 1 && s.charAt(x + 2) != sep)) {
                    return -1;
                }
            }
        } else if (s.charAt(4) == '.') {
            if ((s.length() + 1) % 5 != 0) {
                return -1;
            }
            int groups = (s.length() + 1) / 5;
            for (int i = 0; i < groups; i++) {
                int x = 5 * i;
                for (int k = 0; k < 4; k++) {
                    if (!isHex(s.charAt(x + k))) {
                        return -1;
                    }
                }
                if (i < groups - 1 && s.charAt(x + 4) != '.') {
                    return -1;
                }
            }
            octets = 2 * groups;
        } else {
            return -1;
        }
        return octets == 6 || octets == 8 || octets == 20 ? octets : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
