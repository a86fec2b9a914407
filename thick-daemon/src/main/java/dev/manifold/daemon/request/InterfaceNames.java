package dev.manifold.daemon.request;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.nio.charset.StandardCharsets;

/** Linux interface-name rules as the CNI library checks them (pkg/utils ValidateInterfaceName). */
public final class InterfaceNames {
    /** IFNAMSIZ - 1. */
    public static final int MAX_BYTES = 15;

    private InterfaceNames() {
    }

    /**
     * @param what names the source in the error, e.g. {@code CNI_IFNAME} or a network
     * @throws CniException code 4 when {@code name} is empty, longer than 15 bytes, {@code .} or
     *         {@code ..}, or contains {@code /}, {@code :} or white space
     */
    public static void validate(String what, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new CniException(CniErrorCode.INVALID_ENVIRONMENT_VARIABLES,
                    what + ": interface name \"" + RequestParser.brief(name) + "\" " + problem);
        }
    }

    /** Why {@code name} is not a valid interface name, or {@code null} when it is. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "is longer than " + MAX_BYTES + " bytes";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is not allowed";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == ':' || Character.isWhitespace(c) || c == 0) {
                return "contains '" + (Character.isWhitespace(c) || c == 0 ? "whitespace" : String.valueOf(c)) + "'";
            }
        }
        return null;
    }
}
