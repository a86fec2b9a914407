package dev.manifold.shim;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The daemon's HTTP/1.1 response: status code and decoded body. {@link #read} understands the three
 * ways a body can be delimited (Content-Length, chunked transfer-encoding, end of stream) and skips
 * interim 1xx responses; headers other than those two are ignored.
 */
record HttpReply(int status, byte[] body) implements DaemonOutcome {

    /** Bounds what a confused peer can make the shim buffer. */
    static final int MAX_BODY_BYTES = 16 << 20;
    private static final int MAX_LINE_BYTES = 16 << 10;
    private static final int MAX_HEADERS = 200;

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Reads one response from {@code in}, which should be buffered.
     *
     * @throws ProtocolException when the bytes are not an HTTP/1.x response or exceed the limits
     * @throws EOFException when the stream ends before the response does
     */
    static HttpReply read(InputStream in) throws IOException {
        while (true) {
            int status = readStatusLine(in);
            long contentLength = -1;
            boolean chunked = false;
            String line;
            int headers = 0;
            while (!(line = readLine(in)).isEmpty()) {
                if (++headers > MAX_HEADERS) {
                    throw new ProtocolException("more than " + MAX_HEADERS + " response headers");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("malformed response header: " + line);
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    contentLength = parseLength(value);
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                }
            }
            if (status < 200) {
                continue; // RFC 9110 §15.2: interim responses carry no body; the final one follows
            }
            byte[] body;
            if (status == 204 || status == 304) {
                body = new byte[0];
            } else if (chunked) { // RFC 9112 §6.3: chunked wins over Content-Length
                body = readChunked(in);
            } else if (contentLength >= 0) {
                body = readExactly(in, contentLength);
            } else {
                body = readToEnd(in);
            }
            return new HttpReply(status, body);
        }
    }

    private static int readStatusLine(InputStream in) throws IOException {
        String line = readLine(in);
        // "HTTP/1.1 200 OK": the reason phrase may be empty or absent.
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
            throw new ProtocolException("not an HTTP/1.x status line: " + abbreviate(line));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char digit = line.charAt(i);
            if (digit < '0' || digit > '9') {
                throw new ProtocolException("malformed status code in: " + abbreviate(line));
            }
            status = status * 10 + (digit - '0');
        }
        return status;
    }

    private static long parseLength(String value) throws ProtocolException {
        try {
            long length = Long.parseLong(value);
            if (length < 0 || length > MAX_BODY_BYTES) {
                throw new ProtocolException("unacceptable Content-Length " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new ProtocolException("malformed Content-Length " + value);
        }
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int extension = sizeLine.indexOf(';');
            String hex = (extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new ProtocolException("malformed chunk size: " + abbreviate(sizeLine));
            }
            if (size < 0 || body.size() + size > MAX_BODY_BYTES) {
                throw new ProtocolException("chunked body larger than " + MAX_BODY_BYTES + " bytes");
            }
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // trailer fields: nothing the shim needs
                }
                return body.toByteArray();
            }
            body.write(readExactly(in, size));
            if (!readLine(in).isEmpty()) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private static byte[] readExactly(InputStream in, long length) throws IOException {
        byte[] bytes = in.readNBytes((int) length);
        if (bytes.length < length) {
            throw new EOFException("response body ended after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new ProtocolException("response body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return bytes;
    }

    /** A line without its CRLF (a bare LF is accepted too, as RFC 9112 §2.2 allows). */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed before the end of the response head");
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new ProtocolException("response line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
        int length = line.size();
        byte[] bytes = line.toByteArray();
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }
}
