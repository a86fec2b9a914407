package dev.manifold.daemon.server;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The Multus-thick compatible endpoint on {@code <socketDir>/multus.sock}: {@code POST /cni},
 * and {@code /healthz} and {@code /readyz} for GET and POST (Multus 4.0 shims GET, 4.1+ POST).
 * HTTP/1.1 is Jetty's. The socket is 0600 in a 0700 directory; a directory that is group- or
 * world-writable is refused, since anyone who can replace the socket can impersonate the daemon.
 */
public final class SocketServer implements AutoCloseable {
    /** Upper bound of a request body; a 00-multus.conf is a few KiB. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final Path socket;
    private final Server server;

    public SocketServer(Path socketDir, CniEndpoint endpoint, BooleanSupplier ready, int maxThreads) {
        this.socket = socketDir.resolve("multus.sock");
        QueuedThreadPool pool = new QueuedThreadPool(Math.max(maxThreads, 8), 2);
        pool.setName("manifold-http");
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server, new HttpConnectionFactory(http));
        connector.setUnixDomainPath(socket);
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        server.setHandler(new Routes(endpoint, ready));
        server.setErrorHandler(new CniErrorPages());
    }

    public Path socket() {
        return socket;
    }

    /** Prepares the directory, removes a stale socket, binds, and restricts the socket to 0600. */
    public void start() {
        try {
            prepareDirectory(socket.getParent());
            Files.deleteIfExists(socket);
            server.start();
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serve on " + socket + ": " + e.getMessage(), e);
        }
    }

    static void prepareDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            return;
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException("socket directory " + dir + " is writable by group or others ("
                    + PosixFilePermissions.toString(perms) + "); refusing to serve there");
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the socket server failed", e);
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // Best effort: a stale socket is removed again at the next start.
            }
        }
    }

    private static final class Routes extends Handler.Abstract {
        private final CniEndpoint endpoint;
        private final BooleanSupplier ready;

        Routes(CniEndpoint endpoint, BooleanSupplier ready) {
            this.endpoint = endpoint;
            this.ready = ready;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            boolean getOrPost = HttpMethod.GET.is(method) || HttpMethod.POST.is(method);
            Reply reply;
            if ((path.equals("/healthz") || path.equals("/readyz")) && getOrPost) {
                reply = ready.getAsBoolean() ? Reply.ok("{\"status\":\"ok\"}") : Reply.of(503, "{\"status\":\"not ready\"}");
            } else if (path.equals("/cni") && HttpMethod.POST.is(method)) {
                reply = cni(request);
            } else {
                reply = error(404, new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES,
                        "no such endpoint: " + method + " " + (path.length() > 64 ? path.substring(0, 64) : path)));
            }
            response.setStatus(reply.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.json().length);
            response.write(true, ByteBuffer.wrap(reply.json()), callback);
            return true;
        }

        private Reply cni(Request request) {
            long declared = request.getLength();
            if (declared > MAX_BODY_BYTES) {
                return error(413, tooLarge());
            }
            byte[] body;
            try {
                body = readBounded(request);
            } catch (IOException e) {
                // Jetty reports a body it cannot decode (a bad chunk, a short body) this way; a
                // client that went away reads no answer anyway.
                return error(400, new CniException(CniErrorCode.DECODING_FAILURE,
                        "malformed HTTP request: cannot read request body: " + e.getMessage()));
            }
            if (body == null) {
                return error(413, tooLarge());
            }
            return endpoint.handle(body);
        }

        private static byte[] readBounded(Request request) throws IOException {
            try (var in = Content.Source.asInputStream(request)) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                return bytes.length > MAX_BODY_BYTES ? null : bytes;
            }
        }

        private static CniException tooLarge() {
            return new CniException(CniErrorCode.DECODING_FAILURE, "request body exceeds " + MAX_BODY_BYTES + " bytes");
        }

        private static Reply error(int status, CniException e) {
            return Reply.of(status, e.toJson(CniVersion.LATEST).toString());
        }
    }
}
