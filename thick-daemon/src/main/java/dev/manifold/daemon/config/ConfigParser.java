package dev.manifold.daemon.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads a daemon configuration. Every Multus key is understood; keys Manifold does not use are
 * reported once through the {@code unusedKey} callback and otherwise ignored — never fatal, so a
 * Multus thick {@code daemon-config.json} works unchanged. A key of the wrong type is an error
 * (code 7) naming the key.
 */
public final class ConfigParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Keys Manifold reads. */
    static final Set<String> KNOWN = Set.of(
            "confDir", "cniDir", "binDir", "socketDir", "daemonSocketDir", "chrootDir", "kubeconfig",
            "clusterNetwork", "defaultNetworks", "multusNamespace", "systemNamespaces",
            "namespaceIsolation", "globalNamespaces", "readinessindicatorfile", "readinessTimeoutSeconds",
            "logLevel", "logFile", "logToStderr", "metricsPort", "multusConfigFile", "cniConfigDir",
            "multusAutoconfigDir", "cniVersion", "standaloneDir", "nodeName", "parallelSecondaries",
            "delegateTimeoutSeconds", "multusConfigFileName", "cleanupConfigOnExit", "shimType",
            "logOptions", "metricsBindAddress");

    /** Keys of a CNI config that are not daemon settings (the 00-multus.conf's own). */
    static final Set<String> CNI_CONF_KEYS = Set.of("name", "type", "cniVersions", "capabilities",
            "runtimeConfig", "args", "prevResult", "ipam", "dns", "plugins", "disableCheck", "disableGC");

    /** The longest daemon config file read; Multus's has a dozen keys. */
    public static final int MAX_FILE_BYTES = 256 * 1024;

    private ConfigParser() {
    }

    /** Reads and parses {@code file}. @throws CniException code 7 naming the file */
    public static DaemonConfig load(Path file, Consumer<String> unusedKey) {
        return parse(read(file), unusedKey);
    }

    /** The raw JSON object of {@code file}; one longer than {@link #MAX_FILE_BYTES} is refused. */
    public static ObjectNode read(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "daemon config " + file + " is "
                        + Files.size(file) + " bytes long; at most " + MAX_FILE_BYTES + " are read");
            }
            JsonNode node = JSON.readTree(Files.readAllBytes(file));
            if (node == null || !node.isObject()) {
                throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "daemon config " + file + " is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG,
                    "cannot read daemon config " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The request-scoped view: the keys of the forwarded config ({@code 00-multus.conf}) with the
     * daemon's keys winning where both have one.
     */
    public static ObjectNode merge(ObjectNode requestConf, ObjectNode daemonConf) {
        ObjectNode merged = requestConf.deepCopy();
        daemonConf.properties().forEach(e -> merged.set(e.getKey(), e.getValue().deepCopy()));
        return merged;
    }

    public static DaemonConfig parse(ObjectNode node, Consumer<String> unusedKey) {
        node.fieldNames().forEachRemaining(k -> {
            if (!KNOWN.contains(k) && !CNI_CONF_KEYS.contains(k)) {
                unusedKey.accept(k);
            }
        });
        Fields f = new Fields(node);
        String multusNamespace = f.string("multusNamespace").orElse("kube-system");
        List<String> global = f.stringList("globalNamespaces");
        return new DaemonConfig(
                f.path("confDir").orElse(Path.of("/etc/cni/multus/net.d")),
                f.path("cniDir").orElse(Path.of("/var/lib/cni/multus")),
                f.string("binDir").map(ConfigParser::pathList).orElse(List.of(Path.of("/opt/cni/bin"))),
                f.path("socketDir").or(() -> f.path("daemonSocketDir")).orElse(Path.of("/run/multus")),
                f.path("chrootDir"),
                f.path("kubeconfig"),
                f.string("clusterNetwork"),
                f.stringList("defaultNetworks"),
                multusNamespace,
                node.has("systemNamespaces") ? f.stringList("systemNamespaces") : List.of("kube-system"),
                f.bool("namespaceIsolation").orElse(false),
                global.isEmpty() ? List.of("default", multusNamespace) : global,
                f.path("readinessindicatorfile"),
                f.integer("readinessTimeoutSeconds").orElse(45),
                f.string("logLevel").orElse("info"),
                f.path("logFile"),
                f.bool("logToStderr").orElse(true),
                f.port("metricsPort").orElse(0),
                f.string("multusConfigFile"),
                f.path("cniConfigDir").orElse(Path.of("/etc/cni/net.d")),
                f.path("multusAutoconfigDir").orElse(Path.of("/etc/cni/net.d")),
                f.string("cniVersion"),
                f.path("standaloneDir"),
                f.string("nodeName"),
                f.bool("parallelSecondaries").orElse(true),
                f.integer("delegateTimeoutSeconds").orElse(120),
                f.string("multusConfigFileName").map(ConfigParser::confFileName).orElse("00-multus.conf"),
                f.bool("cleanupConfigOnExit").orElse(false),
                f.string("shimType").orElse("manifold-shim"),
                logOptions(node.get("logOptions")),
                f.string("metricsBindAddress").orElse("0.0.0.0"));
    }

    /** Multus's {@code logOptions} object; absent keys keep Multus's defaults. */
    private static LogOptions logOptions(JsonNode value) {
        if (value == null || value.isNull()) {
            return LogOptions.DEFAULTS;
        }
        if (!value.isObject()) {
            throw Fields.wrongType("logOptions", "an object");
        }
        Fields f = new Fields((ObjectNode) value);
        LogOptions d = LogOptions.DEFAULTS;
        try {
            return new LogOptions(f.integer("maxAge").orElse(d.maxAgeDays()), f.integer("maxSize").orElse(d.maxSizeMegabytes()),
                    f.integer("maxBackups").orElse(d.maxBackups()), f.bool("compress").orElse(d.compress()));
        } catch (CniException e) {
            throw e.prefixed("logOptions: ");
        }
    }

    /** A bare file name the runtime loads as a single config: {@code *.conf} or {@code *.json}. */
    private static String confFileName(String name) {
        if (name.contains("/") || name.startsWith(".") || !(name.endsWith(".conf") || name.endsWith(".json"))) {
            throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "config key \"multusConfigFileName\" must be a"
                    + " file name ending in .conf or .json, not \"" + name + "\"");
        }
        return name;
    }

    private static List<Path> pathList(String colonSeparated) {
        return Arrays.stream(colonSeparated.split(":")).filter(s -> !s.isBlank()).map(dir -> Fields.toPath("binDir", dir)).toList();
    }

    /** Typed reads of optional keys; a key of the wrong type is a code-7 error naming it. */
    private record Fields(ObjectNode node) {
        Optional<String> string(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw wrongType(key, "a string");
            }
            // Every string here is a path, a name or a level: none can hold a NUL (and Path.of
            // would throw InvalidPathException on one; found by fuzzing).
            if (v.asText().indexOf('\0') >= 0) {
                throw wrongType(key, "a string without NUL characters");
            }
            return Optional.of(v.asText()).filter(s -> !s.isBlank());
        }

        Optional<Path> path(String key) {
            return string(key).map(value -> toPath(key, value));
        }

        /** A path the file system can name: not one with characters the JVM cannot encode. */
        static Path toPath(String key, String value) {
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw wrongType(key, "a valid path");
            }
        }

        Optional<Boolean> bool(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (v.isBoolean()) {
                return Optional.of(v.asBoolean());
            }
            if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) {
                return Optional.of(Boolean.parseBoolean(v.asText()));
            }
            throw wrongType(key, "true or false");
        }

        Optional<Integer> integer(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
                throw wrongType(key, "a non-negative integer");
            }
            return Optional.of(v.asInt());
        }

        /** A TCP port: 0 to 65535. */
        Optional<Integer> port(String key) {
            Optional<Integer> port = integer(key);
            if (port.filter(p -> p > 65_535).isPresent()) {
                throw wrongType(key, "a TCP port (0 to 65535)");
            }
            return port;
        }

        /** A JSON array of strings, or a comma-separated string (Multus accepts both forms). */
        List<String> stringList(String key) {
            JsonNode v = node.get(key);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (v.isTextual()) {
                Arrays.stream(v.asText().split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
            } else if (v.isArray()) {
                for (JsonNode item : v) {
                    if (!item.isTextual()) {
                        throw wrongType(key, "a list of strings");
                    }
                    if (!item.asText().isBlank()) {
                        out.add(item.asText().trim());
                    }
                }
            } else {
                throw wrongType(key, "a list of strings or a comma-separated string");
            }
            return out;
        }

        private static CniException wrongType(String key, String want) {
            return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "config key \"" + key + "\" must be " + want);
        }
    }
}
