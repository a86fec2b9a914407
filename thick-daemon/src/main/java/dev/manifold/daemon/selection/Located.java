package dev.manifold.daemon.selection;

import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElement;

/**
 * An element read from an annotation, with where it was for error messages: {@code item 2 "a@b"}
 * (text form) or {@code JSON element 2} (JSON form).
 */
record Located(String where, NetworkSelectionElement element) {
}
