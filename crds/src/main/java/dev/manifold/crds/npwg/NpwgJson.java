package dev.manifold.crds.npwg;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reads and writes the NPWG annotation values.
 *
 * <p>Reading is strict about JSON types, as Go's {@code encoding/json} is and Jackson by default
 * is not: {@code "mac": 5}, {@code "hostPort": "80"}, {@code "hostPort": 80.5},
 * {@code "default": 1}, {@code "ips": "10.1.1.1"} and {@code null} inside a list all fail, where
 * Jackson would coerce them. Unknown keys are ignored, as Multus ignores them. Trailing content
 * after the list fails.
 *
 * <p>A syntax error is a {@link JsonParseException} with its location. Anything else — a wrong
 * type, a number out of range, a missing {@code name} — is a {@link JsonMappingException} whose
 * {@link JsonMappingException#getPath() path} says where (for example {@code [2]->ips}).
 */
public final class NpwgJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
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

    /** Reads a {@code k8s.v1.cni.cncf.io/networks} value in JSON form (a list of elements). */
    public static List<NetworkSelectionElement> readSelections(String json) throws JsonProcessingException {
        return List.copyOf(read(SELECTIONS, json));
    }

    /** Reads a {@code k8s.v1.cni.cncf.io/network-status} value. */
    public static List<NetworkStatus> readStatus(String json) throws JsonProcessingException {
        return List.copyOf(read(STATUS, json));
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

    /** Compact JSON, keys in Multus's order, absent fields left out. */
    public static String write(List<?> values) {
        try {
            return WRITER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            // Only records of this package with plain fields reach here: cannot happen.
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} (a record of this package) as a JSON tree, exactly as it would be written. */
    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
