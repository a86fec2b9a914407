package dev.manifold.delegates.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads files under {@code fixtures/convert/} from the test classpath. */
final class ResultFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultFixtures() {
    }

    static byte[] bytes(String name) {
        String path = "/fixtures/convert/" + name;
        try (InputStream in = ResultFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CniResult result(String name) {
        return CniResult.parse(bytes(name), CniVersion.V0_1_0);
    }

    /** The fixture result of {@code version}: {@code result-<version>.json}. */
    static CniResult result(CniVersion version) {
        return result("result-" + version.wire() + ".json");
    }

    static JsonNode tree(String name) {
        try {
            return JSON.readTree(bytes(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compact JSON with the key order of the file: comparing these compares order too. */
    static String compact(String name) {
        return compact(tree(name));
    }

    static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
