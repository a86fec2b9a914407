package dev.manifold.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fake CNI plugins of {@code src/test/resources/plugins/} (small POSIX sh scripts), installed
 * into a test's bin dir. Resources lose their exec bit when Maven copies them, hence the copy.
 * The {@code recorder} script logs every call under {@code <binDir>/calls/}; read them back with
 * {@link #recordedCalls(Path)}.
 */
public final class FakePlugins {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FakePlugins() {
    }

    /** Installs script {@code plugins/<script>} as {@code binDir/<script>}. */
    public static Path install(Path binDir, String script) {
        return install(binDir, script, script);
    }

    /** Installs script {@code plugins/<script>} as {@code binDir/<asType>}, executable. */
    public static Path install(Path binDir, String script, String asType) {
        Path target = binDir.resolve(asType);
        try (InputStream in = FakePlugins.class.getResourceAsStream("/plugins/" + script)) {
            if (in == null) {
                throw new IllegalArgumentException("no fake plugin plugins/" + script + " on the classpath");
            }
            Files.createDirectories(binDir);
            Files.copy(in, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!target.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + target + " executable");
        }
        return target;
    }

    /** One run of a {@code recorder} copy. {@code stdin} is null when it was not JSON. */
    public record RecordedCall(String plugin, String command, Map<String, String> env, JsonNode stdin) {
    }

    /** Every call the {@code recorder} copies in {@code binDir} logged, oldest first. */
    public static List<RecordedCall> recordedCalls(Path binDir) {
        Path log = binDir.resolve("calls");
        if (!Files.isDirectory(log)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(log)) {
            List<RecordedCall> calls = new ArrayList<>();
            for (Path dir : dirs.sorted().toList()) {
                calls.add(new RecordedCall(Files.readString(dir.resolve("plugin")),
                        Files.readString(dir.resolve("command")), environ(dir.resolve("environ")),
                        stdin(dir.resolve("stdin"))));
            }
            return calls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The recorded calls of one command (e.g. {@code "ADD"}), oldest first. */
    public static List<RecordedCall> recordedCalls(Path binDir, String command) {
        return recordedCalls(binDir).stream().filter(c -> c.command().equals(command)).toList();
    }

    private static Map<String, String> environ(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static JsonNode stdin(Path file) throws IOException {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException notJson) {
            return null;
        }
    }
}
