package dev.manifold.crds.npwg;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.DNS;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.DNSBuilder;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElement;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatus;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkStatusBuilder;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the NPWG pod annotations with fabric8's model of them
 * ({@code io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1}).
 *
 * <p>Reading is strict about JSON types, as Go's {@code encoding/json} is and Jackson by default
 * is not: {@code "mac": 5}, {@code "hostPort": "80"}, {@code "hostPort": 80.5},
 * {@code "default": 1}, {@code "ips": "10.1.1.1"}, {@code "ips": ""} and {@code null} inside a
 * list all fail, where Jackson would coerce them. Unknown keys do not fail: fabric8 keeps them in
 * {@code getAdditionalProperties()}, where nothing here looks except for the keys named below.
 * Trailing content after the list fails. Empty strings are read as they are: whether {@code ""}
 * means "absent" is for the consumer to say (for Multus it does).
 *
 * <p>A syntax error is a {@link JsonParseException} with its location. Anything else — a wrong
 * type, a number out of range, a missing {@code name} — is a {@link JsonMappingException} whose
 * {@link JsonMappingException#getPath() path} says where (for example {@code [2]->ips}).
 *
 * <p>fabric8's classes are mutable. What the read methods return is freshly made and held by
 * nothing else.
 */
public final class NpwgJson {
    /** A selection key fabric8's model lacks: a device id for the plugin. See {@link #deviceId}. */
    static final String DEVICE_ID = "deviceID";
    /** Multus's name for {@code interface} before 3.2, still honoured; fabric8's model lacks it. */
    static final String INTERFACE_REQUEST = "interfaceRequest";

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addMixIn(NetworkSelectionElement.class, PlainCniArgs.class)
            // fabric8 declares every list as java.util.List. Not set as a default for all types,
            // which would reject {"k": null} in the Map<String, Object> of "cni-args".
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Collection, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Map, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.POJO, c -> c
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    private static final ObjectReader SELECTIONS =
            MAPPER.readerFor(new TypeReference<List<NetworkSelectionElement>>() { });
    private static final ObjectReader STATUS =
            MAPPER.readerFor(new TypeReference<List<NetworkStatus>>() { });
    private static final ObjectWriter WRITER = MAPPER.writer();

    private NpwgJson() {
    }

    /**
     * fabric8 reads the values of {@code cni-args} as Kubernetes resources
     * ({@code KubernetesDeserializerForMap}): a number or a list of strings fails, an object
     * becomes a {@code GenericKubernetesResource}. The value is any JSON for the plugin, so this
     * mix-in puts back Jackson's plain map of JSON values.
     */
    private abstract static class PlainCniArgs {
        @JsonDeserialize(using = JsonDeserializer.None.class)
        private Map<String, Object> cniArgs;

        @JsonDeserialize(using = JsonDeserializer.None.class)
        abstract void setCniArgs(Map<String, Object> cniArgs);

        /*
         * fabric8's BandwidthEntry holds 32-bit Integers, where Multus (Go int) takes 64-bit rates:
         * 10 Gbit/s would not fit. Moving the model's property to an unused name leaves "bandwidth"
         * to additionalProperties as plain JSON; see rawBandwidth.
         */
        @JsonProperty(UNUSED_BANDWIDTH)
        private Object bandwidth;

        @JsonProperty(UNUSED_BANDWIDTH)
        abstract void setBandwidth(io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.BandwidthEntry bandwidth);

        @JsonProperty(UNUSED_BANDWIDTH)
        abstract Object getBandwidth();
    }

    private static final String UNUSED_BANDWIDTH = "manifold.unused/bandwidth";
    static final String BANDWIDTH = "bandwidth";

    /**
     * The element's {@code bandwidth} exactly as written (any JSON; the caller validates it), or
     * empty when absent or {@code null}.
     */
    public static Optional<JsonNode> rawBandwidth(NetworkSelectionElement element) {
        Map<String, Object> extra = element.getAdditionalProperties();
        Object raw = extra == null ? null : extra.get(BANDWIDTH);
        return raw == null ? Optional.empty() : Optional.of(MAPPER.valueToTree(raw));
    }

    /**
     * Reads a {@code k8s.v1.cni.cncf.io/networks} value in JSON form (a list of elements). Beyond
     * the types of fabric8's model: every element is an object with a non-empty {@code name};
     * {@code deviceID} and {@code interfaceRequest}, when present, are strings (or {@code null});
     * and {@code interfaceRequest} is read into {@code interface} when that is absent or empty,
     * as Multus does.
     */
    public static List<NetworkSelectionElement> readSelectionElements(String json) throws JsonProcessingException {
        List<NetworkSelectionElement> elements = read(SELECTIONS, json);
        for (int i = 0; i < elements.size(); i++) {
            NetworkSelectionElement e = requireObject(elements, i, NetworkSelectionElement.class);
            requireName(e.getName(), elements, i);
            requireString(e.getAdditionalProperties(), DEVICE_ID, elements, i);
            String legacy = requireString(e.getAdditionalProperties(), INTERFACE_REQUEST, elements, i);
            if (isEmpty(e.getInterface()) && legacy != null) {
                e.setInterface(legacy);
            }
        }
        return List.copyOf(elements);
    }

    /** The element's {@code deviceID}, a key fabric8's model lacks; empty when absent or empty. */
    public static Optional<String> deviceId(NetworkSelectionElement element) {
        Map<String, Object> extra = element.getAdditionalProperties();
        return extra != null && extra.get(DEVICE_ID) instanceof String id && !id.isEmpty()
                ? Optional.of(id) : Optional.empty();
    }

    /**
     * Reads a {@code k8s.v1.cni.cncf.io/network-status} value. Beyond the types of fabric8's
     * model: every entry is an object with a non-empty {@code name}, and {@code mtu} is not
     * negative.
     */
    public static List<NetworkStatus> readStatus(String json) throws JsonProcessingException {
        List<NetworkStatus> status = read(STATUS, json);
        for (int i = 0; i < status.size(); i++) {
            NetworkStatus s = requireObject(status, i, NetworkStatus.class);
            requireName(s.getName(), status, i);
            if (s.getMtu() != null && s.getMtu() < 0) {
                throw at(MismatchedInputException.from((JsonParser) null, Integer.class,
                        "\"mtu\" must not be negative: " + s.getMtu()), status, i, s, "mtu");
            }
        }
        return List.copyOf(status);
    }

    /**
     * The {@code k8s.v1.cni.cncf.io/network-status} value for {@code status}, compact, with what
     * Multus writes: {@code dns} always ({@code {}} when there is none), {@code default} only
     * when true, {@code mtu} only when above 0, empty strings and lists left out. Unknown keys in
     * {@code additionalProperties} are written too. The entries passed in are not changed.
     *
     * @throws IllegalArgumentException when an entry has no {@code name} or a negative {@code mtu}
     */
    public static String writeStatus(List<NetworkStatus> status) {
        List<NetworkStatus> written = status.stream().map(NpwgJson::asMultusWritesIt).toList();
        try {
            return WRITER.writeValueAsString(written);
        } catch (JsonProcessingException e) {
            // fabric8's model holds strings, numbers, lists and maps of them: cannot happen.
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code value} (an object of fabric8's model, or a list or map of them) as a JSON tree, as
     * this class would write it: {@code null} fields left out, and the lists and maps fabric8
     * marks so left out when empty. A fresh tree: changing it changes nothing else.
     */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    private static NetworkStatus asMultusWritesIt(NetworkStatus s) {
        if (isEmpty(s.getName())) {
            throw new IllegalArgumentException("network-status entry without a \"name\": " + s);
        }
        if (s.getMtu() != null && s.getMtu() < 0) {
            throw new IllegalArgumentException("network-status entry " + s.getName()
                    + ": \"mtu\" must not be negative: " + s.getMtu());
        }
        // Multus's struct: DNS is a value (never omitted), default and mtu are omitempty.
        DNS dns = s.getDns() == null ? new DNS()
                : new DNSBuilder(s.getDns()).withDomain(emptyToNull(s.getDns().getDomain())).build();
        return new NetworkStatusBuilder(s)
                .withInterface(emptyToNull(s.getInterface()))
                .withMac(emptyToNull(s.getMac()))
                .withMtu(s.getMtu() == null || s.getMtu() == 0 ? null : s.getMtu())
                .withDefault(Boolean.TRUE.equals(s.getDefault()) ? Boolean.TRUE : null)
                .withDns(dns)
                .build();
    }

    private static <T> List<T> read(ObjectReader reader, String json) throws JsonProcessingException {
        try {
            return reader.readValue(json);
        } catch (JsonMappingException e) {
            // Databind wraps a syntax error met inside a list in a mapping error; unwrap it so
            // that callers can tell "not JSON" from "JSON of the wrong shape".
            if (e.getCause() instanceof JsonParseException syntax) {
                throw syntax;
            }
            throw e;
        }
    }

    private static <T> T requireObject(List<T> list, int index, Class<T> type) throws JsonMappingException {
        T value = list.get(index);
        if (value == null) {
            // Jackson lets null through at the top level; a null element is no object.
            throw at(MismatchedInputException.from((JsonParser) null, type, "null where an object belongs"),
                    list, index, null, null);
        }
        return value;
    }

    private static void requireName(String name, List<?> list, int index) throws JsonMappingException {
        if (isEmpty(name)) {
            throw at(JsonMappingException.from((JsonParser) null, "missing \"name\""), list, index, null, null);
        }
    }

    /** The string under {@code key}, or null when absent or null. */
    private static String requireString(Map<String, Object> extra, String key, List<?> list, int index)
            throws JsonMappingException {
        Object value = extra == null ? null : extra.get(key);
        if (value != null && !(value instanceof String)) {
            throw at(MismatchedInputException.from((JsonParser) null, String.class,
                    "\"" + key + "\" must be a string"), list, index, extra, key);
        }
        return (String) value;
    }

    /** {@code e} with the path {@code [index]} or {@code [index]->key}, as databind would give it. */
    private static JsonMappingException at(JsonMappingException e, List<?> list, int index, Object owner, String key) {
        if (key != null) {
            e.prependPath(owner, key);
        }
        e.prependPath(list, index);
        return e;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static String emptyToNull(String s) {
        return isEmpty(s) ? null : s;
    }
}
