package dev.manifold.delegates.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Optional;

/**
 * A failure that reaches the runtime as a CNI error object {@code {cniVersion, code, msg, details}}.
 * The numeric code is kept exactly as the failing party gave it (a plugin's own code 100+
 * included), so callers branch on {@link #code()}, never on the message text.
 */
public final class CniException extends RuntimeException {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int code;
    private final String details;

    public CniException(CniErrorCode code, String msg) {
        this(code.code(), msg, "", null);
    }

    public CniException(CniErrorCode code, String msg, String details) {
        this(code.code(), msg, details, null);
    }

    public CniException(CniErrorCode code, String msg, Throwable cause) {
        this(code.code(), msg, "", cause);
    }

    public CniException(int code, String msg, String details, Throwable cause) {
        super(msg, cause);
        this.code = code;
        this.details = details == null ? "" : details;
    }

    /** The numeric CNI error code. */
    public int code() {
        return code;
    }

    /** The well-known constant for {@link #code()}, empty for a plugin-specific code. */
    public Optional<CniErrorCode> wellKnown() {
        return Optional.ofNullable(CniErrorCode.fromCode(code));
    }

    /** The {@code msg} of the error object. */
    public String msg() {
        return getMessage();
    }

    /** The {@code details} of the error object; empty when there are none. */
    public String details() {
        return details;
    }

    /**
     * A new exception with {@code prefix} put before the message, keeping code, details and this
     * one as the cause, e.g. to say which network failed.
     */
    public CniException prefixed(String prefix) {
        return new CniException(code, prefix + getMessage(), details, this);
    }

    /** The error object as the spec prints it. */
    public ObjectNode toJson(CniVersion version) {
        ObjectNode node = JSON.createObjectNode();
        node.put("cniVersion", version.wire());
        node.put("code", code);
        node.put("msg", getMessage() == null ? "" : getMessage());
        if (!details.isEmpty()) {
            node.put("details", details);
        }
        return node;
    }

    /**
     * Reads an error object. Returns empty when {@code node} is not one (no integer {@code code}
     * or no {@code msg}).
     */
    public static Optional<CniException> fromJson(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("code").canConvertToInt()
                || !node.path("code").isIntegralNumber() || !node.has("msg")) {
            return Optional.empty();
        }
        return Optional.of(new CniException(node.get("code").asInt(), node.path("msg").asText(""),
                node.path("details").asText(""), null));
    }
}
