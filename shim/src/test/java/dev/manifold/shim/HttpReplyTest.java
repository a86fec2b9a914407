package dev.manifold.shim;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpReplyTest {

    @Test
    void givenInterimContinueResponse_whenRead_thenReturnsTheFinalResponse() throws IOException {
        HttpReply reply = read("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.bodyText()).isEqualTo("{}");
    }

    @Test
    void givenBareLineFeeds_whenRead_thenParsesTheResponse() throws IOException {
        HttpReply reply = read("HTTP/1.1 200 OK\ncontent-length: 3\n\nabcdef");

        assertThat(reply.bodyText()).isEqualTo("abc");
    }

    @Test
    void givenChunkedAndContentLength_whenRead_thenChunkedFramingWins() throws IOException {
        HttpReply reply = read("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n0\r\n\r\n");

        assertThat(reply.bodyText()).isEqualTo("abc");
    }

    @Test
    void givenNoContentStatus_whenRead_thenBodyIsEmptyEvenIfBytesFollow() throws IOException {
        HttpReply reply = read("HTTP/1.1 204 No Content\r\n\r\nleftover");

        assertThat(reply.body()).isEmpty();
    }

    @Test
    void givenStatusLineWithoutReason_whenRead_thenParsesTheStatus() throws IOException {
        HttpReply reply = read("HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n");

        assertThat(reply.status()).isEqualTo(404);
    }

    @Test
    void givenBodyShorterThanContentLength_whenRead_thenThrowsEof() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void givenNonHttpBytes_whenRead_thenThrowsProtocolException() {
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH_9.2\r\n\r\n"))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("SSH-2.0");
    }

    @Test
    void givenContentLengthOverTheLimit_whenRead_thenThrowsProtocolException() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 999999999\r\n\r\n"))
                .isInstanceOf(ProtocolException.class);
    }

    @Test
    void givenMalformedChunkSize_whenRead_thenThrowsProtocolException() {
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"))
                .isInstanceOf(ProtocolException.class);
    }

    private static HttpReply read(String response) throws IOException {
        return HttpReply.read(new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1)));
    }
}
