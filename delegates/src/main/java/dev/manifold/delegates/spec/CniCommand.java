package dev.manifold.delegates.spec;

/** The CNI_COMMAND values. */
public enum CniCommand {
    ADD, DEL, CHECK, GC, STATUS, VERSION;

    /**
     * @throws CniException code 4 (invalid environment variables) for an unknown or missing command
     */
    public static CniCommand parse(String wire) {
        if (wire != null) {
            for (CniCommand c : values()) {
                if (c.name().equals(wire)) {
                    return c;
                }
            }
        }
        throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES,
                wire == null || wire.isEmpty() ? "CNI_COMMAND is not set" : "unknown CNI_COMMAND \"" + wire + "\"");
    }
}
