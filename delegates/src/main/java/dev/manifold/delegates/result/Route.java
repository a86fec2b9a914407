package dev.manifold.delegates.result;

/**
 * A route. {@code mtu}, {@code advmss}, {@code priority}, {@code table} and {@code scope} exist
 * from 1.1.0; absent ones are {@code null}.
 */
public record Route(String dst, String gw, Integer mtu, Integer advmss, Integer priority, Integer table, Integer scope) {
    public static Route of(String dst, String gw) {
        return new Route(dst, gw, null, null, null, null, null);
    }

    public boolean isDefault() {
        return "0.0.0.0/0".equals(dst) || "::/0".equals(dst);
    }

    public boolean isIpv6() {
        return dst != null && dst.indexOf(':') >= 0;
    }
}
