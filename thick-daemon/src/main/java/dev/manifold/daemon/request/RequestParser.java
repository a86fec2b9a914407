package dev.manifold.daemon.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniCommand;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the wire body {@code {"env": {...}, "config": "<base64>"}} into a {@link CniRequest},
 * validating everything the spec lets a plugin refuse up front: unknown command (4), missing or
 * malformed container id (4), interface name (4), a NUL in any CNI_* value (4), a pod namespace or
 * name in CNI_ARGS that is no Kubernetes name (4, for ADD and CHECK), missing netns (4) or a netns
 * path that does not exist (8), undecodable config (6), unknown config version (1).
 */
public final class RequestParser {
    /** SPEC.md: container ID must match this. */
    private static final Pattern CONTAINER_ID = Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9_.\\-]*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestParser() {
    }

    public static CniRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "request body is not JSON: " + brief(jsonProblem(e)));
        }
        if (root == null || !root.isObject() || !root.path("env").isObject()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "request body must be {\"env\": {...}, \"config\": \"<base64>\"}");
        }
        Map<String, String> env = new java.util.HashMap<>();
        for (var e : root.get("env").properties()) {
            if (!e.getValue().isTextual()) {
                throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES, "env." + brief(e.getKey()) + " must be a string");
            }
            env.put(e.getKey(), e.getValue().asText());
        }
        return fromEnv(env, decodeConfig(root.get("config")));
    }

    /** Builds a request from a CNI environment and the raw config bytes. */
    public static CniRequest fromEnv(Map<String, String> env, byte[] configBytes) {
        requireNoNul(env);
        CniCommand command = CniCommand.parse(env.get("CNI_COMMAND"));
        ObjectNode config = parseConfig(configBytes, command);
        CniVersion version = CniVersion.parse(config.path("cniVersion").asText(""));
        boolean perContainer = command == CniCommand.ADD || command == CniCommand.DEL || command == CniCommand.CHECK;
        Optional<String> containerId = nonEmpty(env.get("CNI_CONTAINERID"));
        Optional<String> ifName = nonEmpty(env.get("CNI_IFNAME"));
        Optional<String> netns = nonEmpty(env.get("CNI_NETNS"));
        if (perContainer) {
            String id = containerId.orElseThrow(() -> missing("CNI_CONTAINERID"));
            if (!CONTAINER_ID.matcher(id).matches() || id.length() > 1024) {
                throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES,
                        "CNI_CONTAINERID \"" + brief(id) + "\" is invalid: must match " + CONTAINER_ID.pattern());
            }
            InterfaceNames.validate("CNI_IFNAME", ifName.orElseThrow(() -> missing("CNI_IFNAME")));
        }
        if (command == CniCommand.ADD || command == CniCommand.CHECK) {
            String path = netns.orElseThrow(() -> missing("CNI_NETNS"));
            if (!Files.exists(netnsPath(path))) {
                throw new CniException(CniErrorCode.INVALID_NETNS, "CNI_NETNS " + brief(path) + " does not exist");
            }
        }
        CniArgs args = CniArgs.parse(env.get("CNI_ARGS"));
        String podProblem = CniRequest.podProblem(args);
        if (podProblem != null && (command == CniCommand.ADD || command == CniCommand.CHECK)) {
            throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES, brief(podProblem));
        }
        return new CniRequest(command, containerId, netns, ifName, args,
                env.getOrDefault("CNI_PATH", ""), config, version);
    }

    /**
     * A NUL can be in no path, name or CNI_ARGS value, and no process environment can carry one:
     * passed on, it would fail the delegate's exec instead of the request (found by fuzzing).
     */
    private static void requireNoNul(Map<String, String> env) {
        env.forEach((name, value) -> {
            if (name.startsWith("CNI_") && value.indexOf('\0') >= 0) {
                throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES, brief(name) + " contains a NUL character");
            }
        });
    }

    private static Path netnsPath(String path) {
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            // Characters the JVM cannot encode for the file system (under a C locale, any non-ASCII).
            throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES, "CNI_NETNS " + brief(path) + " is not a valid path");
        }
    }

    private static byte[] decodeConfig(JsonNode node) {
        if (node == null || node.isNull()) {
            return new byte[0];
        }
        if (!node.isTextual()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "request \"config\" must be a base64 string");
        }
        try {
            return Base64.getDecoder().decode(node.asText());
        } catch (IllegalArgumentException e) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "request \"config\" is not valid base64");
        }
    }

    private static ObjectNode parseConfig(byte[] bytes, CniCommand command) {
        if (bytes.length == 0 && (command == CniCommand.VERSION)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return (ObjectNode) node;
            }
        } catch (IOException e) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "network config (stdin) is not JSON: " + brief(jsonProblem(e)));
        }
        throw new CniException(CniErrorCode.DECODING_FAILURE, "network config (stdin) must be a JSON object");
    }

    /** Jackson's message without the echoed source excerpt. */
    private static String jsonProblem(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    }

    private static CniException missing(String var) {
        return new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES, var + " is required");
    }

    private static Optional<String> nonEmpty(String s) {
        return Optional.ofNullable(s).filter(v -> !v.isEmpty());
    }

    static String brief(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

}
