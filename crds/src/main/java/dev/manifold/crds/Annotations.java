package dev.manifold.crds;

/** Annotation keys of the multi-network specification and of Multus, spelled as users write them. */
public final class Annotations {
    /**
     * Pod: the secondary networks to attach, as {@code [ns/]name[@ifname]} comma-separated or a
     * JSON list of network selection elements.
     */
    public static final String NETWORKS = "k8s.v1.cni.cncf.io/networks";
    /** Pod: written by the meta-plugin, a JSON list of network status entries, one per attachment. */
    public static final String NETWORK_STATUS = "k8s.v1.cni.cncf.io/network-status";
    /**
     * Pod: replaces the cluster network for this pod with one NAD. An unqualified name is looked
     * up in Multus's {@code multusNamespace}, not in the pod's namespace.
     */
    public static final String DEFAULT_NETWORK = "v1.multus-cni.io/default-network";
    /**
     * NetworkAttachmentDefinition: the device-plugin resource (e.g. {@code intel.com/sriov}) whose
     * allocated device id is passed to the plugin as {@code deviceID}.
     */
    public static final String RESOURCE_NAME = "k8s.v1.cni.cncf.io/resourceName";

    private Annotations() {
    }
}
