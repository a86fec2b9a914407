package dev.manifold.daemon.server;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answers Jetty makes itself — to a request it cannot parse (bad request line, header or
 * chunk: 400, 413, 431, 505 …) or whose handling failed — as CNI error objects, like every other
 * answer of the socket: a shim (or a Multus shim) prints the body as the plugin's error, and an
 * HTML page or an empty body would reach the runtime as gibberish (found by fuzzing the wire).
 *
 * <p>A request Jetty refuses (it cannot parse it, or will not serve it) is code 6 whatever its
 * status: a 505 for a request line without a path is still the client's fault. Otherwise a 4xx is
 * code 6, a 503 code 11 and any other 5xx code 999. Messages are Jetty's reason, cut short; no stack
 * traces, no request content.
 */
final class CniErrorPages extends ErrorHandler {
    private static final int MAX_REASON = 200;

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason, true));
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        // An HttpException is Jetty refusing what the client sent (e.g. "HTTP/0.9 not supported", a 505).
        response.write(true, ByteBuffer.wrap(body(code, message, cause instanceof HttpException)), callback);
    }

    static byte[] body(int status, String reason, boolean unparsable) {
        CniErrorCode code = status == 503 ? CniErrorCode.TRY_AGAIN_LATER
                : status >= 500 && !unparsable ? CniErrorCode.INTERNAL : CniErrorCode.DECODING_FAILURE;
        String text = reason == null || reason.isBlank() ? "HTTP " + status : reason.replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_REASON) {
            text = text.substring(0, MAX_REASON) + "...";
        }
        String prefix = code == CniErrorCode.DECODING_FAILURE ? "malformed HTTP request: " : "daemon error: ";
        return new CniException(code, prefix + text).toJson(CniVersion.LATEST).toString().getBytes(StandardCharsets.UTF_8);
    }
}
