package dev.manifold.shim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the runtime gets from one shim run: at most one JSON document on stdout, and the exit code.
 * Nothing else is ever written to stdout, because the runtime parses it.
 */
final class ShimOutput {

    private final String stdout;
    private final int exitCode;

    private ShimOutput(String stdout, int exitCode) {
        this.stdout = stdout;
        this.exitCode = exitCode;
    }

    /** Success with a JSON document to print (an ADD result, the VERSION answer). */
    static ShimOutput success(String json) {
        return new ShimOutput(json, 0);
    }

    /** Success with empty stdout, as the spec wants for DEL, CHECK, GC and STATUS. */
    static ShimOutput silentSuccess() {
        return new ShimOutput("", 0);
    }

    /** Failure: the error object goes to stdout, exit code 1. */
    static ShimOutput failure(String errorJson) {
        return new ShimOutput(errorJson, 1);
    }

    static ShimOutput failure(CniError error) {
        return failure(error.toJson());
    }

    int exitCode() {
        return exitCode;
    }

    String stdout() {
        return stdout;
    }

    /** Writes the document followed by a newline, or nothing at all for a silent success. */
    void writeTo(OutputStream out) throws IOException {
        if (!stdout.isEmpty()) {
            out.write(stdout.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        out.flush();
    }
}
