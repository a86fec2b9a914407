package dev.manifold.daemon.selection;

import dev.manifold.delegates.spec.CniErrorCode;
import dev.manifold.delegates.spec.CniException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Interface names of the secondary attachments, as Multus gives them (multus.go getIfname): the
 * requested {@code interface} if any, else {@code net<N>} where N is the attachment's 1-based
 * position among all secondaries — named or not — so {@code a@x, b} gives {@code x, net2}.
 * Multus does not look for clashes; the second plugin then fails in the pod with "file exists".
 * Here a clash is an error before anything runs.
 */
final class InterfaceNaming {
    private InterfaceNaming() {
    }

    static List<String> assign(List<NetworkSelection> secondaries) {
        List<String> names = new ArrayList<>(secondaries.size());
        for (int i = 0; i < secondaries.size(); i++) {
            names.add(secondaries.get(i).interfaceName().orElse(generated(i)));
        }
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Integer earlier = firstUse.putIfAbsent(names.get(i), i);
            if (earlier != null) {
                throw clash(names.get(i), secondaries, earlier, i);
            }
        }
        return List.copyOf(names);
    }

    /** @throws CniException code 7 when two selections request the same interface name */
    static void requireDistinctRequests(List<Located> located, List<NetworkSelection> selections) {
        Map<String, Integer> firstUse = new HashMap<>();
        for (int i = 0; i < selections.size(); i++) {
            Optional<String> requested = selections.get(i).interfaceName();
            if (requested.isEmpty()) {
                continue;
            }
            Integer earlier = firstUse.putIfAbsent(requested.get(), i);
            if (earlier != null) {
                throw new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "interface \""
                        + Echo.brief(requested.get()) + "\" is requested twice: by " + located.get(earlier).where()
                        + " (" + selections.get(earlier).nad() + ") and by " + located.get(i).where() + " ("
                        + selections.get(i).nad() + ")");
            }
        }
    }

    private static String generated(int index) {
        return "net" + (index + 1);
    }

    private static CniException clash(String name, List<NetworkSelection> secondaries, int first, int second) {
        return new CniException(CniErrorCode.INVALID_NETWORK_CONFIG, "interface \"" + Echo.brief(name)
                + "\" would be used twice: " + role(secondaries, first, name) + " and "
                + role(secondaries, second, name) + "; request distinct \"interface\" names");
    }

    private static String role(List<NetworkSelection> secondaries, int index, String name) {
        NetworkSelection sel = secondaries.get(index);
        String how = sel.interfaceName().isPresent() ? "requested by" : "generated for";
        return how + " secondary network " + (index + 1) + " (" + sel.nad() + ")";
    }
}
