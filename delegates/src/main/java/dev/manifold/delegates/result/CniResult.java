package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniVersion;

/**
 * A plugin's result in one spec version's shape. Inside Manifold only {@link Result1x} is worked
 * with; the older shapes exist at the edges (parsing a plugin's output, replying to a runtime).
 * Convert with {@link ResultConverter}.
 */
public sealed interface CniResult permits Result02x, Result04x, Result1x {
    CniVersion cniVersion();

    /** The result exactly as a plugin of {@link #cniVersion()} prints it. */
    ObjectNode toJson();

    /**
     * Parses a result in the shape its {@code cniVersion} field names, or {@code fallback} when
     * the field is absent (plugins of 0.1.0/0.2.0 sometimes omit it).
     *
     * @throws dev.manifold.delegates.spec.CniException code 6 (decoding failure) when the JSON is
     *         not a result of that version; code 1 for an unknown version
     */
    static CniResult parse(JsonNode json, CniVersion fallback) {
        return ResultCodec.parse(json, fallback);
    }

    /** As {@link #parse(JsonNode, CniVersion)}, from raw bytes. */
    static CniResult parse(byte[] json, CniVersion fallback) {
        return ResultCodec.parse(json, fallback);
    }
}
