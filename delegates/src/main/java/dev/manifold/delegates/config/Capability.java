package dev.manifold.delegates.config;

/**
 * Capability names of the CNI conventions (CONVENTIONS.md "Well-known Capabilities"). Plugins may
 * declare others; these are the ones Manifold fills in.
 */
public final class Capability {
    public static final String PORT_MAPPINGS = "portMappings";
    public static final String IP_RANGES = "ipRanges";
    public static final String BANDWIDTH = "bandwidth";
    public static final String DNS = "dns";
    public static final String IPS = "ips";
    public static final String MAC = "mac";
    public static final String INFINIBAND_GUID = "infinibandGUID";
    public static final String DEVICE_ID = "deviceID";
    public static final String ALIASES = "aliases";
    public static final String CGROUP_PATH = "cgroupPath";

    private Capability() {
    }
}
