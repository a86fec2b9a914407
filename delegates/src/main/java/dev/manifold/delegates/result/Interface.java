package dev.manifold.delegates.result;

/**
 * A result's interface entry. {@code mtu}, {@code socketPath} and {@code pciID} exist from 1.1.0.
 * Absent optional fields are {@code null} (they are omitted from the JSON).
 */
public record Interface(String name, String mac, Integer mtu, String sandbox, String socketPath, String pciID) {
    public static Interface of(String name, String mac, String sandbox) {
        return new Interface(name, mac, null, sandbox, null, null);
    }
}
