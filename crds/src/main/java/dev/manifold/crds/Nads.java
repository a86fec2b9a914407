package dev.manifold.crds;

import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinition;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkAttachmentDefinitionSpec;

import java.util.Optional;

/**
 * The NetworkAttachmentDefinition CRD's identity, and what the daemon reads from a NAD. The model
 * class is fabric8's {@link NetworkAttachmentDefinition}; the CRD itself is the classpath resource
 * {@value #CRD_RESOURCE} (the same bytes as {@code crds/network-attachment-definition.yaml}).
 */
public final class Nads {
    public static final String GROUP = "k8s.cni.cncf.io";
    public static final String VERSION = "v1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String KIND = "NetworkAttachmentDefinition";
    public static final String PLURAL = "network-attachment-definitions";
    public static final String SINGULAR = "network-attachment-definition";
    public static final String SHORT_NAME = "net-attach-def";
    /** The CRD's {@code metadata.name}. */
    public static final String CRD_NAME = PLURAL + "." + GROUP;
    /** Where the CRD YAML sits on the classpath. */
    public static final String CRD_RESOURCE = "crds/network-attachment-definition.yaml";

    private Nads() {
    }

    /**
     * The NAD's {@code spec.config}, or empty when there is no spec or the config is blank — the
     * case in which the CNI configuration comes from the file in {@code confDir} whose
     * {@code "name"} is the NAD's name. The string is returned untouched (not trimmed, not parsed).
     */
    public static Optional<String> configOf(NetworkAttachmentDefinition nad) {
        NetworkAttachmentDefinitionSpec spec = nad.getSpec();
        if (spec == null || spec.getConfig() == null || spec.getConfig().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(spec.getConfig());
    }
}
