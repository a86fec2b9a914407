package dev.manifold.daemon.server;

/** What the server asks of the daemon: answer one {@code POST /cni} body. Never throws. */
@FunctionalInterface
public interface CniEndpoint {
    Reply handle(byte[] body);
}
