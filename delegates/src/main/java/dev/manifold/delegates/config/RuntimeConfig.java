package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Runtime configuration keyed by capability name ({@link Capability}): what the runtime (or the
 * meta-plugin, from a network selection) wants to pass to plugins that declare the capability.
 * Values are JSON as the CNI conventions define them.
 */
public record RuntimeConfig(Map<String, JsonNode> values) {
    public RuntimeConfig {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, v.deepCopy()));
        values = Collections.unmodifiableMap(copy);
    }

    public static RuntimeConfig empty() {
        return new RuntimeConfig(Map.of());
    }

    public RuntimeConfig with(String capability, JsonNode value) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(values);
        copy.put(capability, value);
        return new RuntimeConfig(copy);
    }

    /** Only the entries whose capability is in {@code declared}. */
    public RuntimeConfig restrictedTo(Set<String> declared) {
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (declared.contains(k)) {
                copy.put(k, v);
            }
        });
        return new RuntimeConfig(copy);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
