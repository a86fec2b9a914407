package dev.manifold.delegates.result;

/**
 * A result's IP entry in the current (1.x) shape.
 *
 * @param interfaceIndex index into the result's interfaces, or {@code null}
 * @param address        CIDR, e.g. {@code 10.1.0.5/24} or {@code fd00::5/64}
 * @param gateway        an address without prefix, or {@code null}
 */
public record IpConfig(Integer interfaceIndex, String address, String gateway) {
    /** Whether the address is IPv6 (contains a colon). */
    public boolean isIpv6() {
        return address != null && address.indexOf(':') >= 0;
    }
}
