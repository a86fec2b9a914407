package dev.manifold.delegates.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.config.NetConfList;
import dev.manifold.delegates.exec.PluginCall;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.spec.CniArgs;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Files under {@code fixtures/invoke/}, and small lists and calls built for tests. */
final class InvokeFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    /** What {@link #call()} makes CNI_NETNS. */
    static final String NETNS = "/var/run/netns/fake";

    private InvokeFixtures() {
    }

    static byte[] bytes(String name) {
        String path = "/fixtures/invoke/" + name;
        try (InputStream in = InvokeFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A fixture with {@code ${KEY}} placeholders replaced. */
    static byte[] bytes(String name, Map<String, String> values) {
        String text = text(name);
        for (Map.Entry<String, String> e : values.entrySet()) {
            text = text.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (text.contains("${")) {
            throw new IllegalArgumentException("fixture " + name + " has an unfilled placeholder: " + text);
        }
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static NetConfList list(String name) {
        return NetConfList.parse(bytes(name));
    }

    static JsonNode json(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CniResult result(String name) {
        return CniResult.parse(bytes(name), CniVersion.V1_0_0);
    }

    /** A list named "test" of plain plugins of the given types. */
    static NetConfList listOf(CniVersion version, String... types) {
        ObjectNode list = JSON.createObjectNode().put("cniVersion", version.wire()).put("name", "test");
        ArrayNode plugins = list.putArray("plugins");
        List.of(types).forEach(type -> plugins.addObject().put("type", type));
        return NetConfList.parse(list.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** As {@link #listOf}, offering several versions ({@code cniVersions}, 1.1.0). */
    static NetConfList listOffering(List<CniVersion> versions, String... types) {
        ObjectNode list = (ObjectNode) JSON.valueToTree(Map.of("name", "test"));
        ArrayNode offered = list.putArray("cniVersions");
        versions.forEach(v -> offered.add(v.wire()));
        ArrayNode plugins = list.putArray("plugins");
        List.of(types).forEach(type -> plugins.addObject().put("type", type));
        return NetConfList.parse(list.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static PluginCall call() {
        return new PluginCall("ctr1", Optional.of(NETNS), "net1", CniArgs.parse("K8S_POD_NAME=web"));
    }
}
