package dev.manifold.delegates.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.config.NetConf;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.config.RuntimeConfig;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code manifold.cache/v1} JSON form of a {@link CachedAttachment}:
 * <pre>{"kind": "manifold.cache/v1", "networkName", "containerId", "ifName",
 *  "config": {the list, or the single config, as the plugins got it}, "singleConf": bool,
 *  "runtimeConfig": {capability: value}, "cniArgs": "K=V;K=V", "result": {...} (absent while planned)}</pre>
 * Every field but {@code result} is required; anything wrong is a decoding failure (code 6).
 */
final class CacheEntryCodec {
    static final String KIND = "manifold.cache/v1";

    private CacheEntryCodec() {
    }

    static ObjectNode encode(CachedAttachment entry, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("kind", KIND);
        node.put("networkName", entry.key().networkName());
        node.put("containerId", entry.key().containerId());
        node.put("ifName", entry.key().ifName());
        node.set("config", readConfig(entry.config(), json));
        node.put("singleConf", entry.config().isSingleConf());
        ObjectNode runtime = node.putObject("runtimeConfig");
        entry.runtime().values().forEach(runtime::set);
        node.put("cniArgs", entry.args().wire());
        entry.result().ifPresent(result -> node.set("result", result.toJson()));
        return node;
    }

    static CachedAttachment decode(ObjectNode node, ObjectMapper json) {
        String kind = text(node, "kind");
        if (!KIND.equals(kind)) {
            throw decoding("unknown kind \"" + kind + "\" (want " + KIND + ")");
        }
        CacheKey key = new CacheKey(text(node, "networkName"), text(node, "containerId"), text(node, "ifName"));
        JsonNode configJson = required(node, "config", JsonNode::isObject, "an object");
        boolean single = required(node, "singleConf", JsonNode::isBoolean, "a boolean").booleanValue();
        NetConfList config = nested("config", () -> config(configJson, single, json));
        Map<String, JsonNode> runtime = new LinkedHashMap<>();
        required(node, "runtimeConfig", JsonNode::isObject, "an object").properties()
                .forEach(e -> runtime.put(e.getKey(), e.getValue()));
        String argsWire = text(node, "cniArgs");
        CniArgs args = nested("cniArgs", () -> CniArgs.parse(argsWire));
        Optional<CniResult> result = Optional.ofNullable(node.get("result"))
                .map(r -> nested("result", () -> CniResult.parse(r, config.cniVersion())));
        return new CachedAttachment(key, config, new RuntimeConfig(runtime), args, result);
    }

    private static JsonNode readConfig(NetConfList config, ObjectMapper json) {
        try {
            return json.readTree(config.toBytes());
        } catch (IOException e) {
            throw new CniException(CniErrorCode.INTERNAL, "cannot re-read config " + config.name(), e);
        }
    }

    private static NetConfList config(JsonNode config, boolean single, ObjectMapper json) {
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(config);
        } catch (IOException e) {
            throw decoding("\"config\" cannot be written back: " + e.getMessage());
        }
        return single ? NetConfList.ofSingle(NetConf.parse(bytes)) : NetConfList.parse(bytes);
    }

    /** Runs a nested parser, turning its failure (of whatever code) into a decoding failure. */
    private static <T> T nested(String field, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (CniException e) {
            throw new CniException(CniErrorCode.DECODING_FAILURE.code(),
                    "invalid \"" + field + "\": " + e.getMessage(), e.details(), e);
        }
    }

    private static String text(ObjectNode node, String field) {
        return required(node, field, JsonNode::isTextual, "a string").asText();
    }

    private static JsonNode required(ObjectNode node, String field,
                                     java.util.function.Predicate<JsonNode> kind, String wanted) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw decoding("missing \"" + field + "\"");
        }
        if (!kind.test(value)) {
            throw decoding("\"" + field + "\" must be " + wanted);
        }
        return value;
    }

    private static CniException decoding(String msg) {
        return new CniException(CniErrorCode.DECODING_FAILURE, "cache entry: " + msg);
    }
}
