package dev.manifold.delegates.cache;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file name of a cache entry: {@code <networkName>-<containerId>-<ifName>.json}, each part
 * percent-encoded so that it is one safe path segment and the {@code -} separators are
 * unambiguous ({@code -}, {@code /}, {@code :}, {@code %} and a leading {@code .} are encoded).
 * Names longer than {@value #MAX_LENGTH} characters are cut and completed with a hash of the
 * whole, so that file systems' 255-byte limit is never hit.
 */
final class CacheFileName {
    static final int MAX_LENGTH = 200;
    private static final String SUFFIX = ".json";

    private CacheFileName() {
    }

    static String of(CacheKey key) {
        String base = encode(key.networkName()) + "-" + encode(key.containerId()) + "-" + encode(key.ifName());
        if (base.length() + SUFFIX.length() > MAX_LENGTH) {
            base = base.substring(0, MAX_LENGTH - SUFFIX.length() - 33) + "-" + sha256Prefix(base);
        }
        return base + SUFFIX;
    }

    /** Whether {@code file} looks like an entry (and not, e.g., a temp file of an atomic write). */
    static boolean isEntry(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && !name.startsWith(".");
    }

    private static String encode(String part) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '_' || (b == '.' && i > 0);
            if (plain) {
                out.append((char) b);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        return out.toString();
    }

    private static String sha256Prefix(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
