package dev.manifold.delegates.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads files under {@code fixtures/config/} from the test classpath. */
final class ConfigFixtures {
    private ConfigFixtures() {
    }

    static byte[] bytes(String name) {
        String path = "/fixtures/config/" + name;
        try (InputStream in = ConfigFixtures.class.getResourceAsStream(path)) {
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
}
