package dev.manifold.delegates.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * JSON reading and writing of results of every version. Package-private: use {@link CniResult}.
 * The {@code cniVersion} field picks the shape: 0.1.0/0.2.0 → {@link Result02x}, 0.3.0 to 0.4.0
 * → {@link Result04x}, 1.0.0/1.1.0 → {@link Result1x}.
 */
final class ResultCodec {
    private static final int MAX_CONTEXT = 200;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private ResultCodec() {
    }

    static CniResult parse(JsonNode json, CniVersion fallback) {
        Objects.requireNonNull(fallback, "fallback");
        if (json == null || !json.isObject()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "result is not a JSON object but "
                    + (json == null ? "nothing" : json.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        ObjectNode object = (ObjectNode) json;
        CniVersion version = version(object, fallback);
        return switch (version) {
            case V0_1_0, V0_2_0 -> ResultReader.read02x(object, version);
            case V0_3_0, V0_3_1, V0_4_0 -> ResultReader.read04x(object, version);
            case V1_0_0, V1_1_0 -> ResultReader.read1x(object, version);
        };
    }

    static CniResult parse(byte[] json, CniVersion fallback) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            String message = Objects.requireNonNullElse(e.getOriginalMessage(), "");
            throw new CniException(CniErrorCode.DECODING_FAILURE, "result is not valid JSON: "
                    + (message.length() <= MAX_CONTEXT ? message : message.substring(0, MAX_CONTEXT - 3) + "..."), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (node == null || node.isMissingNode()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "result is empty");
        }
        return parse(node, fallback);
    }

    static ObjectNode toJson(CniResult result) {
        return switch (result) {
            case Result02x r -> ResultWriter.write(r);
            case Result04x r -> ResultWriter.write(r);
            case Result1x r -> ResultWriter.write(r);
        };
    }

    /** {@code cniVersion}, or {@code fallback} when absent or empty; code 1 when unknown. */
    private static CniVersion version(ObjectNode json, CniVersion fallback) {
        JsonNode field = json.get("cniVersion");
        if (field == null || field.isNull() || (field.isTextual() && field.asText().isEmpty())) {
            return fallback;
        }
        if (!field.isTextual()) {
            throw ResultReader.bad("cniVersion", "must be a string");
        }
        return CniVersion.parse(field.asText());
    }
}
