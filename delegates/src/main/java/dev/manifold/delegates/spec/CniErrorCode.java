package dev.manifold.delegates.spec;

/**
 * Well-known CNI error codes (SPEC.md "Error"). Plugins may use any code from 100 on; such codes
 * are carried as {@link CniException#code()} integers and map to no constant here.
 */
public enum CniErrorCode {
    INCOMPATIBLE_CNI_VERSION(1),
    UNSUPPORTED_FIELD(2),
    UNKNOWN_CONTAINER(3),
    INVALID_ENVIRONMENT_VARIABLES(4),
    IO_FAILURE(5),
    DECODING_FAILURE(6),
    INVALID_NETWORK_CONFIG(7),
    INVALID_NETNS(8),
    TRY_AGAIN_LATER(11),
    PLUGIN_NOT_AVAILABLE(50),
    PLUGIN_LIMITED_CONNECTIVITY(51),
    /** What libcni reports for an error that carries no code of its own. */
    INTERNAL(999);

    private final int code;

    CniErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The constant for {@code code}, or {@code null} for a plugin-specific code. */
    public static CniErrorCode fromCode(int code) {
        for (CniErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
