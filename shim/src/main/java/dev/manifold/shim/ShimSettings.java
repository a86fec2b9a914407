package dev.manifold.shim;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one shim run needs to know besides the request itself: where the daemon listens, how long to
 * keep trying to reach it, how long to wait for its reply, and which {@code cniVersion} to stamp on
 * errors the shim writes itself.
 *
 * <p>Only two keys of the network config are read ({@code cniVersion}, {@code daemonSocketDir}); the
 * config is otherwise opaque to the shim and the daemon validates it. A config that is empty or not
 * JSON yields the defaults, never an error. Environment overrides exist for tests and operators:
 * {@code MANIFOLD_SOCKET_DIR}, {@code MANIFOLD_SHIM_RETRY_SECONDS} and
 * {@code MANIFOLD_SHIM_TIMEOUT_SECONDS} (decimal seconds; a value that is not a non-negative number
 * is ignored and the default applies).
 */
record ShimSettings(String cniVersion, Path socket, long retryMillis, long connectTimeoutMillis,
                    long responseTimeoutMillis) {

    static final String DEFAULT_CNI_VERSION = "1.1.0";
    static final String DEFAULT_SOCKET_DIR = "/run/multus";
    static final String SOCKET_FILE = "multus.sock";

    /** ADD gives a restarting daemon some time; it is what the user is waiting for. */
    static final long ADD_RETRY_MILLIS = 10_000;
    /** DEL, CHECK, GC and STATUS fail sooner: the runtime retries them anyway. */
    static final long OTHER_RETRY_MILLIS = 2_000;
    /** A unix-socket connect only blocks when the daemon's accept backlog is full, i.e. it is stuck. */
    static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    /** Delegates (IPAM, SR-IOV …) can be slow; the runtime's own deadline is usually shorter. */
    static final long RESPONSE_TIMEOUT_MILLIS = 300_000;

    static ShimSettings resolve(Map<String, String> env, byte[] config) {
        String[] keys = readConfigKeys(config);
        String cniVersion = nonEmpty(keys[0]) ? keys[0] : DEFAULT_CNI_VERSION;
        String socketDir = env.get("MANIFOLD_SOCKET_DIR");
        if (!nonEmpty(socketDir)) {
            socketDir = nonEmpty(keys[1]) ? keys[1] : DEFAULT_SOCKET_DIR;
        }
        long retryDefault = "ADD".equals(env.get("CNI_COMMAND")) ? ADD_RETRY_MILLIS : OTHER_RETRY_MILLIS;
        long retry = millisFromEnv(env, "MANIFOLD_SHIM_RETRY_SECONDS", retryDefault);
        long response = millisFromEnv(env, "MANIFOLD_SHIM_TIMEOUT_SECONDS", RESPONSE_TIMEOUT_MILLIS);
        return new ShimSettings(cniVersion, Path.of(socketDir, SOCKET_FILE), retry,
                Math.min(CONNECT_TIMEOUT_MILLIS, Math.max(response, 1)), response);
    }

    /**
     * Returns {@code [cniVersion, daemonSocketDir]} from the top level of the config, each null when
     * absent. Streams instead of building a tree: Gson's tree API drags in its whole type-adapter
     * table, which costs tens of milliseconds at every pod start.
     */
    private static String[] readConfigKeys(byte[] config) {
        String[] found = new String[2];
        JsonReader reader = new JsonReader(new InputStreamReader(
                new ByteArrayInputStream(config), StandardCharsets.UTF_8));
        try {
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                int slot = "cniVersion".equals(name) ? 0 : "daemonSocketDir".equals(name) ? 1 : -1;
                if (slot >= 0 && reader.peek() == JsonToken.STRING) {
                    found[slot] = reader.nextString();
                } else {
                    reader.skipValue();
                }
            }
        } catch (IOException | IllegalStateException notAJsonObject) {
            // Keys found before the damage still count; the daemon reports the broken config itself.
        }
        return found;
    }

    private static long millisFromEnv(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (!nonEmpty(value)) {
            return fallback;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            return seconds >= 0 && seconds <= Long.MAX_VALUE / 1000.0 ? (long) (seconds * 1000) : fallback;
        } catch (NumberFormatException notANumber) {
            return fallback;
        }
    }

    private static boolean nonEmpty(String value) {
        return value != null && !value.isEmpty();
    }
}
