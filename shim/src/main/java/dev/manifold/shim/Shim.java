package dev.manifold.shim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The CNI executable the runtime calls. VERSION is answered here; every other command (ADD, DEL,
 * CHECK, GC, STATUS, and anything unknown, which the daemon rejects) is forwarded unchanged to the
 * daemon, whose answer is printed.
 *
 * <p>It starts on every pod creation, so it loads as little as it can: Gson's streaming classes
 * only, no tree model, no logging, no {@code java.net.http}, no lambdas.
 */
public final class Shim {

    /** The environment variables the CNI spec defines; only these are forwarded, and only if set. */
    static final String[] CNI_ENV = {
        "CNI_COMMAND", "CNI_CONTAINERID", "CNI_NETNS", "CNI_IFNAME", "CNI_ARGS", "CNI_PATH",
    };
    static final String[] SUPPORTED_VERSIONS = {"0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0"};

    private Shim() {
    }

    public static void main(String[] args) {
        PrintStream stdout = System.out;
        int exitCode;
        try {
            exitCode = run(System.getenv(), System.in, stdout);
        } catch (IOException | RuntimeException e) {
            // Still one CNI error object on stdout: the runtime parses nothing else.
            byte[] error = new CniError(ShimSettings.DEFAULT_CNI_VERSION, CniError.INTERNAL,
                    "manifold-shim failed", String.valueOf(e)).toJson().getBytes(StandardCharsets.UTF_8);
            stdout.write(error, 0, error.length);
            stdout.println();
            exitCode = 1;
        }
        stdout.flush();
        // halt, not exit: System.exit first sets up System.Logger to log the exit (JDK 21+), which
        // costs milliseconds; the shim registers no shutdown hooks and stdout is flushed above.
        Runtime.getRuntime().halt(exitCode);
    }

    /**
     * Runs one CNI invocation: reads the network config from {@code stdin}, writes at most one JSON
     * document to {@code stdout} and returns the process exit code (0 success, 1 error).
     *
     * @param env the process environment; besides the CNI variables it may hold the
     *            {@code MANIFOLD_*} overrides described in {@link ShimSettings}
     * @throws IOException only when stdin or stdout fail
     */
    public static int run(Map<String, String> env, InputStream stdin, OutputStream stdout) throws IOException {
        byte[] config = stdin.readAllBytes();
        String command = env.get("CNI_COMMAND");
        ShimSettings settings = ShimSettings.resolve(env, config);
        ShimOutput output;
        if ("VERSION".equals(command)) {
            output = ShimOutput.success(versionReport(settings.cniVersion()));
        } else {
            DaemonOutcome outcome = new DaemonClient(settings).post(requestJson(env, config));
            output = new ReplyTranslator(command, settings).translate(outcome);
        }
        output.writeTo(stdout);
        return output.exitCode();
    }

    /** The spec's VERSION answer; {@code cniVersion} echoes the config's, as libcni's plugins do. */
    static String versionReport(String cniVersion) {
        StringBuilder json = new StringBuilder(128).append('{');
        JsonText.quote(JsonText.name(json, "cniVersion"), cniVersion).append(',');
        JsonText.name(json, "supportedVersions").append('[');
        for (int i = 0; i < SUPPORTED_VERSIONS.length; i++) {
            JsonText.quote(i == 0 ? json : json.append(','), SUPPORTED_VERSIONS[i]);
        }
        return json.append("]}").toString();
    }

    /**
     * Multus's request shape, {@code {"env": {...}, "config": "<base64>"}}: its Go shim marshals
     * {@code Config []byte}, which encoding/json writes as standard base64.
     */
    static byte[] requestJson(Map<String, String> env, byte[] config) {
        StringBuilder json = new StringBuilder(256 + config.length * 4 / 3).append('{');
        JsonText.name(json, "env").append('{');
        boolean first = true;
        for (String name : CNI_ENV) {
            String value = env.get(name);
            if (value != null) {
                JsonText.quote(JsonText.name(first ? json : json.append(','), name), value);
                first = false;
            }
        }
        json.append("},");
        JsonText.quote(JsonText.name(json, "config"), Base64.getEncoder().encodeToString(config));
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
