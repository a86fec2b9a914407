package dev.manifold.delegates.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.delegates.exec.ExecOutput;
import dev.manifold.delegates.result.CniResult;
import dev.manifold.delegates.result.ResultConverter;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads what a plugin run printed, as libcni's raw exec does: a non-zero exit means an error
 * object on stdout (its code and msg kept as the plugin gave them), else an untyped failure
 * (999) quoting the end of stderr; exit 0 on ADD means a result on stdout. Exit 0 on DEL, CHECK,
 * GC and STATUS ignores stdout (Calico's CHECK printed "OK").
 */
final class PluginOutput {
    /** How much of stderr goes into an error's details: enough for the last lines, not a log dump. */
    static final int DETAILS_LIMIT = 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginOutput() {
    }

    /**
     * The ADD result, in {@code version}'s shape (a plugin answering in another version is
     * converted).
     *
     * @throws CniException the plugin's error; code 6 for a missing or unparseable result
     */
    static CniResult result(String type, ExecOutput out, CniVersion version) {
        requireSuccess(type, out);
        byte[] stdout = out.stdout();
        if (new String(stdout, StandardCharsets.UTF_8).isBlank()) {
            throw new CniException(CniErrorCode.DECODING_FAILURE, "plugin \"" + type + "\" printed no result");
        }
        CniResult result;
        try {
            result = CniResult.parse(stdout, version);
        } catch (CniException e) {
            throw new CniException(CniErrorCode.DECODING_FAILURE.code(),
                    "plugin \"" + type + "\" printed an invalid result: " + e.getMessage(), e.details(), e);
        }
        if (result.cniVersion() == version) {
            return result;
        }
        try {
            return ResultConverter.convert(result, version);
        } catch (CniException e) {
            throw e.prefixed("plugin \"" + type + "\" answered " + result.cniVersion() + ": ");
        }
    }

    /** @throws CniException the plugin's own error object, or code 999 when it printed none */
    static void requireSuccess(String type, ExecOutput out) {
        if (out.exitCode() == 0) {
            return;
        }
        Optional<CniException> own = errorObject(out.stdout());
        if (own.isPresent()) {
            throw own.get();
        }
        byte[] diagnostics = isBlank(out.stderr()) ? out.stdout() : out.stderr();
        throw new CniException(CniErrorCode.INTERNAL.code(),
                "plugin \"" + type + "\" failed (exit " + out.exitCode() + ")", lastLines(diagnostics), null);
    }

    private static Optional<CniException> errorObject(byte[] stdout) {
        try {
            return CniException.fromJson(JSON.readTree(stdout));
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The end of {@code text}, trimmed, at most {@link #DETAILS_LIMIT} chars, starting at a line. */
    static String lastLines(byte[] text) {
        String s = new String(text, StandardCharsets.UTF_8).strip();
        if (s.length() <= DETAILS_LIMIT) {
            return s;
        }
        String tail = s.substring(s.length() - DETAILS_LIMIT + 4);
        int newline = tail.indexOf('\n');
        return "...\n" + (newline >= 0 && newline < tail.length() - 1 ? tail.substring(newline + 1) : tail);
    }

    private static boolean isBlank(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).isBlank();
    }
}
