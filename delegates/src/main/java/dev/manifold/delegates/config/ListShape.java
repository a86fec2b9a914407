package dev.manifold.delegates.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.Locale;
import java.util.Set;

/** The shape checks of a conflist's own fields; every failure is code 7 naming the field. */
final class ListShape {
    static final String NAME = "name";
    static final String CNI_VERSION = "cniVersion";
    static final String CNI_VERSIONS = "cniVersions";
    static final String PLUGINS = "plugins";
    static final String DISABLE_CHECK = "disableCheck";
    static final String DISABLE_GC = "disableGC";

    // What Go's strconv.ParseBool accepts, which libcni uses for string-valued flags.
    private static final Set<String> TRUE = Set.of("1", "t", "true");
    private static final Set<String> FALSE = Set.of("0", "f", "false");

    private ListShape() {
    }

    /** The prefix for messages about {@code list}: its name when it has a usable one. */
    static String where(ObjectNode list) {
        JsonNode name = list.get(NAME);
        return name != null && name.isTextual() && !name.asText().isEmpty()
                ? "network \"" + ConfigJson.abbreviate(name.asText()) + "\": " : "network config list: ";
    }

    static void requireName(ObjectNode list, String where) {
        JsonNode name = list.get(NAME);
        if (name == null) {
            throw invalid(where + "\"name\" is missing");
        }
        if (!name.isTextual()) {
            throw invalid(where + "\"name\" must be a string, not " + ConfigJson.describe(name));
        }
        if (name.asText().isEmpty()) {
            throw invalid(where + "\"name\" is empty");
        }
    }

    static ArrayNode requirePlugins(ObjectNode list, String where) {
        JsonNode plugins = list.get(PLUGINS);
        if (plugins == null) {
            throw invalid(where + "\"plugins\" is missing");
        }
        if (!plugins.isArray()) {
            throw invalid(where + "\"plugins\" must be an array, not " + ConfigJson.describe(plugins));
        }
        if (plugins.isEmpty()) {
            throw invalid(where + "\"plugins\" is empty");
        }
        return (ArrayNode) plugins;
    }

    static ObjectNode requireObject(JsonNode entry, String at) {
        if (!entry.isObject()) {
            throw invalid(at + "must be an object, not " + ConfigJson.describe(entry));
        }
        return (ObjectNode) entry;
    }

    /** Checks that an optional flag is a boolean or a boolean string. */
    static void requireFlag(ObjectNode list, String key, String where) {
        JsonNode value = list.get(key);
        if (value != null && parseFlag(value) == null) {
            throw invalid(where + "\"" + key + "\" must be a boolean or \"true\"/\"false\", not "
                    + (value.isTextual() ? "\"" + ConfigJson.abbreviate(value.asText()) + "\"" : ConfigJson.describe(value)));
        }
    }

    /** The value of a flag already checked by {@link #requireFlag}; false when absent. */
    static boolean flag(ObjectNode list, String key) {
        JsonNode value = list.get(key);
        return value != null && Boolean.TRUE.equals(parseFlag(value));
    }

    private static Boolean parseFlag(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            String text = value.asText().toLowerCase(Locale.ROOT);
            if (TRUE.contains(text)) {
                return true;
            }
            if (FALSE.contains(text)) {
                return false;
            }
        }
        return null;
    }

    static CniException invalid(String msg) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, msg);
    }
}
