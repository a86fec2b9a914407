package dev.manifold.delegates.spec;

import java.util.Arrays;
import java.util.List;

/**
 * The CNI specification versions Manifold understands. Strings exist only at the JSON edge:
 * everything past the parser uses this enum.
 */
public enum CniVersion {
    V0_1_0("0.1.0"),
    V0_2_0("0.2.0"),
    V0_3_0("0.3.0"),
    V0_3_1("0.3.1"),
    V0_4_0("0.4.0"),
    V1_0_0("1.0.0"),
    V1_1_0("1.1.0");

    /** The newest version Manifold speaks. */
    public static final CniVersion LATEST = V1_1_0;

    private final String wire;

    CniVersion(String wire) {
        this.wire = wire;
    }

    /** The version as written in JSON, e.g. {@code "0.4.0"}. */
    public String wire() {
        return wire;
    }

    /**
     * Parses a wire version. {@code null} or empty means 0.1.0, as the spec says for configs that
     * omit {@code cniVersion}.
     *
     * @throws CniException code 1 (incompatible CNI version) for a version Manifold does not know
     */
    public static CniVersion parse(String wire) {
        if (wire == null || wire.isEmpty()) {
            return V0_1_0;
        }
        for (CniVersion v : values()) {
            if (v.wire.equals(wire)) {
                return v;
            }
        }
        throw new CniException(CniErrorCode.INCOMPATIBLE_CNI_VERSION,
                "unsupported CNI version \"" + wire + "\"",
                "supported versions: " + wires(List.of(values())));
    }

    /** Whether {@code wire} is a version this enum knows. */
    public static boolean isKnown(String wire) {
        return wire != null && Arrays.stream(values()).anyMatch(v -> v.wire.equals(wire));
    }

    /** CHECK exists from 0.4.0 on. */
    public boolean supportsCheck() {
        return compareTo(V0_4_0) >= 0;
    }

    /** GC and STATUS exist from 1.1.0 on. */
    public boolean supportsGcAndStatus() {
        return compareTo(V1_1_0) >= 0;
    }

    /** 0.1.0 and 0.2.0 results use the legacy {@code ip4}/{@code ip6} shape. */
    public boolean isLegacyResult() {
        return compareTo(V0_3_0) < 0;
    }

    public boolean atLeast(CniVersion other) {
        return compareTo(other) >= 0;
    }

    public static String wires(List<CniVersion> versions) {
        return String.join(", ", versions.stream().map(CniVersion::wire).toList());
    }

    @Override
    public String toString() {
        return wire;
    }
}
