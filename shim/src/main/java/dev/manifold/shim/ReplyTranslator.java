package dev.manifold.shim;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Turns how the exchange with the daemon ended into what the runtime sees.
 *
 * <ul>
 *   <li>2xx: ADD prints the reply's {@code Result} member (matched case-insensitively, as Go's
 *       decoder in Multus's shim does); other commands print nothing. An ADD reply without a result
 *       is an error (999): the spec requires ADD to output one.</li>
 *   <li>Non-2xx whose body is a CNI error object (numeric {@code code}, string {@code msg}): that
 *       object, re-emitted compactly but otherwise unchanged, with its code.</li>
 *   <li>Non-2xx with any other body (an old Multus daemon answers plain text): a synthesized 999
 *       carrying the body, trimmed, as details.</li>
 *   <li>No usable exchange at all: code 11 (try again later), or 50 (plugin not available) for
 *       STATUS. DEL fails too, rather than pretend, so the runtime retries and nothing leaks.</li>
 * </ul>
 */
final class ReplyTranslator {

    static final int MAX_DETAILS_CHARS = 512;

    private final String command;
    private final ShimSettings settings;

    ReplyTranslator(String command, ShimSettings settings) {
        this.command = command;
        this.settings = settings;
    }

    ShimOutput translate(DaemonOutcome outcome) {
        // instanceof rather than a pattern switch: the switch's bootstrap costs milliseconds per start.
        if (outcome instanceof HttpReply reply) {
            return reply.isSuccess() ? fromSuccess(reply) : fromFailure(reply);
        }
        String socket = settings.socket().toString();
        if (outcome instanceof DaemonOutcome.Unreachable unreachable) {
            return unavailable("manifold daemon is not reachable at " + socket + ": " + unreachable.reason(),
                    "gave up after retrying for " + duration(settings.retryMillis())
                            + "; is the manifold daemon running on this node?");
        }
        if (outcome instanceof DaemonOutcome.TimedOut timedOut) {
            return unavailable("timed out waiting for the manifold daemon",
                    "no complete reply from " + socket + " within " + duration(timedOut.waitedMillis()));
        }
        DaemonOutcome.Broken broken = (DaemonOutcome.Broken) outcome;
        return unavailable("lost the connection to the manifold daemon at " + socket + ": " + broken.reason(),
                "the daemon may have restarted while handling " + command);
    }

    private ShimOutput fromSuccess(HttpReply reply) {
        if (!"ADD".equals(command)) {
            return ShimOutput.silentSuccess();
        }
        String result;
        try {
            result = resultMember(reply.body());
        } catch (IOException | IllegalStateException malformed) {
            result = null;
        }
        if (result == null) {
            return ShimOutput.failure(new CniError(settings.cniVersion(), CniError.INTERNAL,
                    "the manifold daemon's reply to ADD carries no result", details(reply)));
        }
        return ShimOutput.success(result);
    }

    private ShimOutput fromFailure(HttpReply reply) {
        String error;
        try {
            error = cniErrorObject(reply.body());
        } catch (IOException | IllegalStateException notJson) {
            error = null;
        }
        if (error != null) {
            return ShimOutput.failure(error);
        }
        return ShimOutput.failure(new CniError(settings.cniVersion(), CniError.INTERNAL,
                "daemon error (HTTP " + reply.status() + ")", details(reply)));
    }

    private ShimOutput unavailable(String msg, String details) {
        int code = "STATUS".equals(command) ? CniError.PLUGIN_NOT_AVAILABLE : CniError.TRY_AGAIN_LATER;
        return ShimOutput.failure(new CniError(settings.cniVersion(), code, msg, details));
    }

    /** The compact JSON of the top-level {@code Result} object, or null when there is none. */
    private static String resultMember(byte[] body) throws IOException {
        if (isBlank(body)) {
            return null;
        }
        JsonReader in = reader(body);
        in.beginObject();
        while (in.hasNext()) {
            if (in.nextName().equalsIgnoreCase("result") && in.peek() == JsonToken.BEGIN_OBJECT) {
                return compact(in);
            }
            in.skipValue();
        }
        return null;
    }

    /** The body re-emitted compactly if it is a CNI error object, else null. */
    private static String cniErrorObject(byte[] body) throws IOException {
        if (isBlank(body)) {
            return null;
        }
        JsonReader in = reader(body);
        if (in.peek() != JsonToken.BEGIN_OBJECT) {
            return null;
        }
        StringBuilder out = new StringBuilder(body.length).append('{');
        boolean hasCode = false;
        boolean hasMsg = false;
        in.beginObject();
        for (boolean first = true; in.hasNext(); first = false) {
            String name = in.nextName();
            hasCode |= name.equals("code") && in.peek() == JsonToken.NUMBER;
            hasMsg |= name.equals("msg") && in.peek() == JsonToken.STRING;
            JsonText.copyValue(in, JsonText.name(first ? out : out.append(','), name));
        }
        in.endObject();
        return hasCode && hasMsg ? out.append('}').toString() : null;
    }

    private static String compact(JsonReader in) throws IOException {
        StringBuilder out = new StringBuilder(512);
        JsonText.copyValue(in, out);
        return out.toString();
    }

    private static JsonReader reader(byte[] body) {
        return new JsonReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** The body as text, trimmed and cut to {@value #MAX_DETAILS_CHARS} chars; null when empty. */
    private static String details(HttpReply reply) {
        String text = reply.bodyText().trim();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= MAX_DETAILS_CHARS ? text : text.substring(0, MAX_DETAILS_CHARS);
    }

    private static String duration(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
