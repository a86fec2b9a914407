package dev.manifold.daemon.selection;

import dev.manifold.crds.Annotations;
import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Network selection from pod annotations (DESIGN "ADD" step 4): the value of
 * {@code k8s.v1.cni.cncf.io/networks} or {@code v1.multus-cni.io/default-network} in, checked
 * {@link NetworkSelection}s out, in annotation order.
 *
 * <p>Both forms Multus accepts are read: the text form {@code [namespace/]name[@interface]}
 * comma-separated (white space around items and parts ignored), and the JSON form, a list of
 * selection elements, recognised by a leading {@code [} (after white space). A single JSON object
 * is rejected, as Multus rejects it.
 *
 * <p>Every failure is a {@link CniException} with code 7 (invalid network config) whose message
 * starts with the annotation key and says where: {@code k8s.v1.cni.cncf.io/networks: item 2
 * "a/b/c": too many "/" ...} or {@code ...: JSON element 3: "ips" must be a list of strings ...}.
 * Echoed input is cut short, so messages stay well under 1 KiB. A value longer than
 * {@link #MAX_ANNOTATION_BYTES} or naming more than {@link #MAX_NETWORKS} networks is refused the
 * same way, before anything else is read from it.
 */
public final class NetworkSelections {
    /**
     * The longest annotation value read, in UTF-8 bytes. Kubernetes caps all of a pod's
     * annotations together at 256 KiB; 32 networks in the JSON form with every key need a few KiB.
     */
    public static final int MAX_ANNOTATION_BYTES = 64 * 1024;
    /** The most secondary networks one pod may ask for (annotation and defaultNetworks together). */
    public static final int MAX_NETWORKS = 32;

    private NetworkSelections() {
    }

    /**
     * The secondary networks a pod asks for. A blank value asks for none.
     *
     * @param podNamespace where a network without a namespace is looked up
     * @throws CniException code 7 for a malformed value, an invalid name, IP, MAC, GUID, gateway,
     *         port or interface name, or two networks requesting the same interface
     */
    public static List<NetworkSelection> parse(String annotationValue, String podNamespace) {
        if (annotationValue.isBlank()) {
            return List.of();
        }
        return read(Annotations.NETWORKS, annotationValue, podNamespace);
    }

    /**
     * The network replacing the cluster network, in either form but exactly one network. Its
     * {@code interface}, if any, is kept: Multus lets it rename the cluster network's interface.
     *
     * @param defaultNamespace where a network without a namespace is looked up — Multus uses
     *                         {@code multusNamespace} here, not the pod's namespace
     * @throws CniException code 7 for a blank or malformed value, or more than one network
     */
    public static NetworkSelection parseDefaultNetwork(String annotationValue, String defaultNamespace) {
        if (annotationValue.isBlank()) {
            throw invalid(Annotations.DEFAULT_NETWORK, "is empty; it names one NetworkAttachmentDefinition");
        }
        List<NetworkSelection> selections = read(Annotations.DEFAULT_NETWORK, annotationValue, defaultNamespace);
        if (selections.size() != 1) {
            throw invalid(Annotations.DEFAULT_NETWORK, "names " + selections.size()
                    + " networks; the default network is exactly one NetworkAttachmentDefinition");
        }
        return selections.get(0);
    }

    /**
     * The interface name of each secondary network, in order: its requested {@code interface},
     * else {@code net<N>} with N its 1-based position among all of {@code secondaries} (named or
     * not), as Multus names them. Pass every secondary — {@code defaultNetworks} first, then the
     * annotation's — for N to match Multus.
     *
     * @throws CniException code 7 when two would get the same name, e.g. the first requests
     *         {@code net2} while the second is unnamed; the message names both networks
     */
    public static List<String> assignInterfaceNames(List<NetworkSelection> secondaries) {
        return InterfaceNaming.assign(secondaries);
    }

    private static List<NetworkSelection> read(String key, String value, String defaultNamespace) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_ANNOTATION_BYTES) {
            throw invalid(key, "is " + bytes + " bytes long; at most " + MAX_ANNOTATION_BYTES + " are read");
        }
        String trimmed = value.strip();
        List<Located> located;
        try {
            located = trimmed.startsWith("[") || trimmed.startsWith("{")
                    ? JsonForm.read(trimmed) : TextForm.read(trimmed);
        } catch (CniException e) {
            throw withKey(key, e);
        }
        if (located.size() > MAX_NETWORKS) {
            throw invalid(key, "asks for " + located.size() + " networks; a pod may have at most " + MAX_NETWORKS);
        }
        List<NetworkSelection> selections = new ArrayList<>(located.size());
        for (Located l : located) {
            try {
                selections.add(ElementChecks.toSelection(l.element(), defaultNamespace));
            } catch (CniException e) {
                throw withKey(key, new CniException(e.code(), l.where() + ": " + e.getMessage(), e.details(), e));
            }
        }
        try {
            InterfaceNaming.requireDistinctRequests(located, selections);
        } catch (CniException e) {
            throw withKey(key, e);
        }
        return List.copyOf(selections);
    }

    private static CniException withKey(String key, CniException e) {
        return new CniException(e.code(), key + ": " + e.getMessage(), e.details(), e);
    }

    private static CniException invalid(String key, String problem) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, key + ": " + problem);
    }
}
