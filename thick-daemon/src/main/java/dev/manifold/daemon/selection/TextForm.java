package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElement;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElementBuilder;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of a networks annotation: {@code [namespace/]name[@interface]}, comma-separated.
 * Read as Multus reads it (k8sclient.go parsePodNetworkObjectName): each item and each part is
 * trimmed; an empty namespace ({@code /name}) means the default namespace and an empty interface
 * ({@code name@}) means "generated". Unlike Multus, an empty item ({@code a,,b}, a trailing
 * comma) is an error here, where Multus passes a network with an empty name on to fail its
 * lookup.
 */
final class TextForm {
    private TextForm() {
    }

    /** @throws CniException code 7 naming the item (1-based) and what is wrong with it */
    static List<Located> read(String value) {
        List<Located> out = new ArrayList<>();
        String[] items = value.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            String where = "item " + (i + 1) + (item.isEmpty() ? "" : " \"" + Echo.brief(item) + "\"");
            try {
                out.add(new Located(where, element(item)));
            } catch (CniException e) {
                throw new CniException(e.code(), where + ": " + e.getMessage(), e.details(), e);
            }
        }
        return out;
    }

    private static NetworkSelectionElement element(String item) {
        String[] slash = item.split("/", -1);
        if (slash.length > 2) {
            throw invalid("too many \"/\" (want [namespace/]name[@interface])");
        }
        String namespace = slash.length == 2 ? slash[0].strip() : null;
        String[] at = slash[slash.length - 1].split("@", -1);
        if (at.length > 2) {
            throw invalid("too many \"@\" (want [namespace/]name[@interface])");
        }
        String name = at[0].strip();
        if (name.isEmpty()) {
            throw invalid("empty network name");
        }
        String interfaceName = at.length == 2 ? at[1].strip() : null;
        return new NetworkSelectionElementBuilder().withName(name).withNamespace(namespace)
                .withInterface(interfaceName).build();
    }

    private static CniException invalid(String problem) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, problem);
    }
}
