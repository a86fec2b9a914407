package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One plugin's network configuration: an immutable JSON object whose every field, known or not,
 * survives untouched (delegate configs are arbitrary). Typed accessors cover what Manifold reads;
 * the {@code with…} methods return new objects. This class (with {@link NetConfList}) is the only
 * place that does raw JSON surgery on delegate configs.
 *
 * <p>Key order is kept: a replaced key stays where it was, a new key goes last. Equality is by
 * JSON value, ignoring key order. {@link #toString()} names the config but never prints it (configs
 * may hold credentials).
 */
public final class NetConf {
    private static final String TYPE = "type";
    private static final String NAME = "name";
    private static final String CNI_VERSION = "cniVersion";
    private static final String CAPABILITIES = "capabilities";
    private static final String IPAM = "ipam";
    private static final String RUNTIME_CONFIG = "runtimeConfig";
    private static final String PREV_RESULT = "prevResult";
    private static final String ARGS = "args";
    private static final String ARGS_CNI = "cni";

    private final ObjectNode json;

    private NetConf(ObjectNode json) {
        this.json = json;
    }

    /**
     * @throws CniException code 6 when the bytes are not a JSON object; code 7 when {@code type}
     *         is missing, empty or not a string, or when {@code name}, {@code cniVersion} or
     *         {@code capabilities} has the wrong JSON type; code 1 for an unknown
     *         {@code cniVersion}
     */
    public static NetConf parse(byte[] json) {
        return checked(ConfigJson.readObject(json, "network config"));
    }

    /** Wraps a copy of {@code json}; same validation as {@link #parse(byte[])}. */
    public static NetConf of(ObjectNode json) {
        return checked(json.deepCopy());
    }

    private static NetConf checked(ObjectNode json) {
        NetConf conf = ofPlugin(json, "network config: ");
        conf.cniVersion();
        return conf;
    }

    /**
     * A plugin of a list: the same checks as {@link #parse(byte[])} except {@code cniVersion},
     * which the list's version overrides when the plugin runs. Takes ownership of {@code json}.
     *
     * @param where prefixes messages, e.g. {@code "plugins[1]: "}
     */
    static NetConf ofPlugin(ObjectNode json, String where) {
        JsonNode type = json.get(TYPE);
        if (type == null) {
            throw invalid(where + "\"type\" is missing");
        }
        if (!type.isTextual()) {
            throw invalid(where + "\"type\" must be a string, not " + ConfigJson.describe(type));
        }
        if (type.asText().isEmpty()) {
            throw invalid(where + "\"type\" is empty");
        }
        requireKind(json, NAME, JsonNode::isTextual, "a string", where);
        requireKind(json, CNI_VERSION, JsonNode::isTextual, "a string", where);
        requireKind(json, CAPABILITIES, JsonNode::isObject, "an object", where);
        return new NetConf(json);
    }

    private static void requireKind(ObjectNode json, String key, Predicate<JsonNode> ok,
                                    String wanted, String where) {
        JsonNode value = json.get(key);
        if (value != null && !ok.test(value)) {
            throw invalid(where + "\"" + key + "\" must be " + wanted + ", not " + ConfigJson.describe(value));
        }
    }

    private static CniException invalid(String msg) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, msg);
    }

    /** The plugin {@code type}; never empty. */
    public String type() {
        return json.get(TYPE).asText();
    }

    public Optional<String> name() {
        return Optional.ofNullable(json.get(NAME)).map(JsonNode::asText);
    }

    /**
     * Parsed {@code cniVersion} (absent means 0.1.0, as the spec says).
     *
     * @throws CniException code 1 for an unknown version; only possible for a plugin taken from a
     *         list ({@link NetConfList#plugins()}), whose own version is not checked because the
     *         list's replaces it
     */
    public CniVersion cniVersion() {
        JsonNode version = json.get(CNI_VERSION);
        try {
            return CniVersion.parse(version == null ? null : version.asText());
        } catch (CniException e) {
            throw e.prefixed(this + ": ");
        }
    }

    /** Capability names whose value is {@code true}, in their order; other values count as false. */
    public Set<String> capabilities() {
        JsonNode caps = json.get(CAPABILITIES);
        if (caps == null) {
            return Set.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> e : caps.properties()) {
            if (e.getValue().isBoolean() && e.getValue().booleanValue()) {
                names.add(e.getKey());
            }
        }
        return Collections.unmodifiableSet(names);
    }

    public Optional<JsonNode> ipam() {
        return field(IPAM);
    }

    /** {@code ipam.type} if present and a string. */
    public Optional<String> ipamType() {
        JsonNode type = json.path(IPAM).path(TYPE);
        return type.isTextual() ? Optional.of(type.asText()) : Optional.empty();
    }

    public Optional<JsonNode> runtimeConfig() {
        return field(RUNTIME_CONFIG);
    }

    public Optional<JsonNode> prevResult() {
        return field(PREV_RESULT);
    }

    /** Any top-level field, e.g. {@code isDefaultGateway}; a copy. */
    public Optional<JsonNode> field(String key) {
        return Optional.ofNullable(json.get(key)).map(JsonNode::deepCopy);
    }

    public NetConf withCniVersion(CniVersion version) {
        ObjectNode copy = json.deepCopy();
        copy.put(CNI_VERSION, version.wire());
        return new NetConf(copy);
    }

    public NetConf withName(String name) {
        ObjectNode copy = json.deepCopy();
        copy.put(NAME, name);
        return new NetConf(copy);
    }

    /** Sets {@code prevResult} to {@code result.toJson()}, replacing any earlier one. */
    public NetConf withPrevResult(CniResult result) {
        ObjectNode copy = json.deepCopy();
        copy.set(PREV_RESULT, result.toJson());
        return new NetConf(copy);
    }

    /**
     * Passes {@code runtime} on as the CNI conventions say: only the entries whose capability this
     * plugin declares ({@link #capabilities()}) go into {@code runtimeConfig}. They are merged
     * into a {@code runtimeConfig} object the config already has, key by key, the given values
     * winning; a {@code runtimeConfig} that is not an object is replaced. When the outcome is
     * empty the key is removed. The {@code capabilities} key itself is left in place: the spec
     * says plugins must not rely on it, and libcni and Multus keep it too.
     */
    public NetConf withRuntimeConfig(RuntimeConfig runtime) {
        RuntimeConfig declared = runtime.restrictedTo(capabilities());
        JsonNode existing = json.get(RUNTIME_CONFIG);
        ObjectNode merged = existing != null && existing.isObject()
                ? ((ObjectNode) existing).deepCopy() : ConfigJson.newObject();
        declared.values().forEach((key, value) -> merged.set(key, value.deepCopy()));
        ObjectNode copy = json.deepCopy();
        if (merged.isEmpty()) {
            copy.remove(RUNTIME_CONFIG);
        } else {
            copy.set(RUNTIME_CONFIG, merged);
        }
        return new NetConf(copy);
    }

    /**
     * Sets a top-level field (e.g. {@code cni.dev/valid-attachments} for GC).
     *
     * @throws CniException code 7 when the outcome would no longer be a valid config (e.g. a
     *         {@code type} that is not a string)
     */
    public NetConf withField(String key, JsonNode value) {
        ObjectNode copy = json.deepCopy();
        copy.set(key, value.deepCopy());
        return ofPlugin(copy, "network config: ");
    }

    /**
     * Merges {@code cniArgs} into {@code args.cni} (creating both objects when absent, replacing
     * them when they are not objects; the given values win): how a network selection's
     * {@code cni-args} reach a plugin, as Multus passes them.
     */
    public NetConf withCniArgs(ObjectNode cniArgs) {
        ObjectNode copy = json.deepCopy();
        ObjectNode args = copy.get(ARGS) instanceof ObjectNode a ? a : copy.putObject(ARGS);
        ObjectNode cni = args.get(ARGS_CNI) instanceof ObjectNode c ? c : args.putObject(ARGS_CNI);
        cniArgs.properties().forEach(e -> cni.set(e.getKey(), e.getValue().deepCopy()));
        return new NetConf(copy);
    }

    /**
     * Removes a top-level field; no change when it is absent.
     *
     * @throws CniException code 7 for {@code type}, which a config cannot lack
     */
    public NetConf without(String key) {
        ObjectNode copy = json.deepCopy();
        copy.remove(key);
        return ofPlugin(copy, "network config: ");
    }

    /** A deep copy of the JSON object. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** Compact JSON bytes. */
    public byte[] toBytes() {
        return ConfigJson.write(json);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetConf other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** {@code network "name"} or, without a name, {@code plugin "type"}. */
    @Override
    public String toString() {
        return name().map(n -> "network \"" + n + "\"").orElseGet(() -> "plugin \"" + type() + "\"");
    }
}
