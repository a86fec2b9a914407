package dev.manifold.delegates.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;

/**
 * Reading and writing of config JSON. Numbers are kept as written as far as their value goes
 * (big integers, decimals with their scale), so that a delegate's unknown fields pass through
 * with the meaning they had; key order is kept.
 */
final class ConfigJson {
    /** How much of a parser message may reach an error: never a dump of the whole input. */
    private static final int MAX_CONTEXT = 200;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private ConfigJson() {
    }

    /**
     * The JSON object in {@code bytes}.
     *
     * @param what names the input in messages, e.g. {@code "network config"}
     * @throws CniException code 6 when the bytes are not JSON or not an object
     */
    static ObjectNode readObject(byte[] bytes, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new CniException(CniErrorCode.DECODING_FAILURE,
                    what + " is not valid JSON: " + abbreviate(withoutEchoedToken(e.getOriginalMessage())) + where, e);
        } catch (IOException e) {
            // Bytes in no encoding JSON allows (e.g. a broken UTF-32 sequence): not JSON either.
            throw new CniException(CniErrorCode.DECODING_FAILURE, what + " is not valid JSON: "
                    + abbreviate(String.valueOf(e.getMessage())), e);
        } catch (NumberFormatException e) {
            // A number no BigDecimal can hold (e.g. 1E999999999999): Jackson does not wrap it.
            throw new CniException(CniErrorCode.DECODING_FAILURE, what + " is not valid JSON: a number is out of range", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, what + " is empty");
        }
        if (!node.isObject()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE,
                    what + " is not a JSON object but " + describe(node));
        }
        return (ObjectNode) node;
    }

    static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    /** Compact JSON, keys in their order. */
    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A tree built from parsed JSON always serialises.
            throw new IllegalStateException("cannot write JSON tree", e);
        }
    }

    /** A JSON value's kind for messages: "a string", "an array" and so on; never its content. */
    static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case NUMBER -> "a number";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case BINARY, MISSING -> "nothing";
        };
    }

    /**
     * Jackson quotes an unquoted word it could not read ({@code Unrecognized token 'abc123'}); in
     * a config that word may be a credential written without its quotes, so only its length is
     * kept. Other messages quote one character at most.
     */
    static String withoutEchoedToken(String message) {
        String marker = "Unrecognized token '";
        int start = message == null ? -1 : message.indexOf(marker);
        if (start < 0) {
            return message;
        }
        int from = start + marker.length();
        int end = message.indexOf('\'', from);
        int length = (end < 0 ? message.length() : end) - from;
        return message.substring(0, start) + "Unrecognized token of " + length + " characters"
                + (end < 0 ? "" : message.substring(end + 1));
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= MAX_CONTEXT ? s : s.substring(0, MAX_CONTEXT - 3) + "...";
    }
}
