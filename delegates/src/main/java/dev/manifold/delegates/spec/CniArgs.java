package dev.manifold.delegates.spec;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code CNI_ARGS} value: {@code K=V} pairs separated by {@code ;}, order kept.
 * Keys and values may not contain {@code ;} or {@code =} (values may contain {@code =} after the
 * first one, as libcni splits on the first {@code =} only).
 */
public record CniArgs(Map<String, String> values) {
    public CniArgs {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static CniArgs empty() {
        return new CniArgs(Map.of());
    }

    /**
     * @throws CniException code 4 for a pair without {@code =}
     */
    public static CniArgs parse(String wire) {
        Map<String, String> out = new LinkedHashMap<>();
        if (wire != null && !wire.isBlank()) {
            for (String pair : wire.split(";")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES,
                            "CNI_ARGS: invalid pair \"" + abbreviate(pair) + "\" (want KEY=VALUE)");
                }
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new CniArgs(out);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isEmpty());
    }

    public CniArgs with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new CniArgs(copy);
    }

    /** The wire form, {@code K=V;K=V}. */
    public String wire() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
