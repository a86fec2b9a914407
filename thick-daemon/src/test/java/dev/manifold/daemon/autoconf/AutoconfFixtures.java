package dev.manifold.daemon.autoconf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.daemon.config.ConfigParser;
import dev.manifold.daemon.config.DaemonConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Config files of {@code fixtures/autoconf/} put into test directories, and daemon configs for them. */
final class AutoconfFixtures {
    static final ObjectMapper JSON = new ObjectMapper();

    private AutoconfFixtures() {
    }

    static String text(String fixture) {
        try (InputStream in = AutoconfFixtures.class.getResourceAsStream("/fixtures/autoconf/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture autoconf/" + fixture);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies {@code fixture} into {@code dir} as {@code name}, atomically (temp file and rename). */
    static Path install(String fixture, Path dir, String name) {
        return writeAtomically(dir.resolve(name), text(fixture));
    }

    static Path writeAtomically(Path file, String text) {
        try {
            Path temp = Files.writeString(file.resolveSibling("." + file.getFileName() + ".tmp"), text);
            return Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A daemon config with {@code multusConfigFile: auto} on {@code netd}, plus {@code extra} keys. */
    static DaemonConfig auto(Path netd, Path socketDir, String extra) {
        return config("""
                {"multusConfigFile":"auto","multusAutoconfigDir":"%s","cniConfigDir":"%s","socketDir":"%s"%s}"""
                .formatted(netd, netd, socketDir, extra.isEmpty() ? "" : "," + extra));
    }

    static DaemonConfig config(String json) {
        try {
            return ConfigParser.parse((ObjectNode) JSON.readTree(json), k -> { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as JSON, or null when it is absent. */
    static JsonNode json(Path file) {
        try {
            return Files.exists(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's {@code clusterNetwork}, or null when the file is absent. */
    static String clusterNetworkOf(Path file) {
        JsonNode conf = json(file);
        return conf == null ? null : conf.path("clusterNetwork").asText();
    }
}
