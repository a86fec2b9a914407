package dev.manifold.daemon.selection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.testkit.fuzz.CniOutcomes;
import dev.manifold.testkit.fuzz.FuzzSettings;
import dev.manifold.testkit.fuzz.Gen;
import dev.manifold.testkit.fuzz.JsonGen;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated networks annotations, in both forms and broken in every way: parsing either succeeds
 * with selections that are valid throughout, or fails with code 7 and a short message. Nothing
 * else (NPE, IllegalArgumentException, a stack overflow) may come out.
 */
@AddLifecycleHook(FuzzSettings.class)
public class SelectionFuzzTest {
    private static final Set<Integer> DOCUMENTED = Set.of(7);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code [ns/]name[@if]}, items comma-separated with random white space, now and then raw garbage. */
    public static Arbitrary<String> textForm() {
        Arbitrary<String> space = Gen.strings(" \t\n", 2);
        Arbitrary<String> item = Combinators.combine(Gen.nameLike().optional(1.0 / 3), Gen.nameLike(),
                Gen.nameLike().optional(1.0 / 3), Gen.strings("/@,", 3).optional(1.0 / 20))
                .as((ns, name, iface, junk) -> ns.map(n -> n + "/").orElse("") + name + iface.map(i -> "@" + i).orElse("")
                        + junk.orElse(""));
        Arbitrary<String> items = Gen.listOf(Combinators.combine(space, item, space).as((a, i, b) -> a + i + b), 40)
                .map(list -> String.join(",", list));
        return Gen.weighted(new int[] {8, 1, 1}, List.of(items, Gen.anyText(60), Gen.strings(Gen.NASTY, 30)));
    }

    static Arbitrary<ObjectNode> element() {
        Arbitrary<JsonNode> ip = JsonGen.text(Arbitraries.oneOf(
                Arbitraries.of("10.1.1.1", "10.1.1.0/24", "fd00::1/64", "::", "1.2.3", "300.1.1.1"),
                Gen.strings(Gen.DIGITS + ".:/" + Gen.HEX, 20)));
        Arbitrary<JsonNode> port = Arbitraries.of(0, 80, 65535, 65536, -1, Integer.MAX_VALUE).map(NODES::numberNode);
        Arbitrary<ObjectNode> portMapping = JsonGen.object(Map.of("hostPort", port, "containerPort", port,
                "protocol", JsonGen.text(Arbitraries.of("tcp", "udp", "", "sctp")), "hostIP", ip));
        Arbitrary<JsonNode> rate = Arbitraries.of(0, 1000, -5, Integer.MAX_VALUE).map(NODES::numberNode);
        Arbitrary<JsonNode> name = JsonGen.text(Gen.nameLike());
        return JsonGen.object(Map.ofEntries(
                Map.entry("name", name),
                Map.entry("namespace", name),
                Map.entry("interface", name),
                Map.entry("interfaceRequest", name),
                Map.entry("ips", JsonGen.arrayOf(ip, 4)),
                Map.entry("mac", JsonGen.text(Arbitraries.oneOf(Arbitraries.of("02:00:00:00:00:01", "02-00-00-00-00-01", "zz"),
                        Gen.strings(Gen.HEX + ":-.", 24)))),
                Map.entry("infiniband-guid", JsonGen.text(Gen.strings(Gen.HEX + ":", 30))),
                Map.entry("default-route", JsonGen.arrayOf(ip, 3)),
                Map.entry("portMappings", JsonGen.arrayOf(portMapping, 3)),
                Map.entry("bandwidth", JsonGen.object(Map.of("ingressRate", rate, "ingressBurst", rate,
                        "egressRate", rate, "egressBurst", rate))),
                Map.entry("cni-args", JsonGen.value(3)),
                Map.entry("deviceID", name),
                Map.entry("ipam-claim-reference", name))).map(o -> {
                    if (!o.has("name")) {
                        o.put("name", "net");
                    }
                    return o;
                });
    }

    public static Arbitrary<String> jsonForm() {
        Arbitrary<JsonNode> list = JsonGen.arrayOf(Gen.weighted(new int[] {9, 1}, List.of(element(), JsonGen.value(2))), 40);
        return Gen.weighted(new int[] {6, 3, 1}, List.of(list.map(JsonNode::toString), JsonGen.damaged(list),
                JsonGen.value(4).map(JsonNode::toString)));
    }

    @Provide
    Arbitrary<String> textForms() {
        return textForm();
    }

    @Provide
    Arbitrary<String> jsonForms() {
        return jsonForm();
    }

    @Provide
    Arbitrary<String> eitherForm() {
        return Arbitraries.oneOf(textForm(), jsonForm());
    }

    @Property(tries = 4_000)
    void givenGeneratedTextForms_whenParsed_thenValidSelectionsOrCode7(@ForAll("textForms") String value) {
        Statistics.collect(parseChecked(value));
    }

    @Property(tries = 4_000)
    void givenGeneratedJsonForms_whenParsed_thenValidSelectionsOrCode7(@ForAll("jsonForms") String value) {
        Statistics.collect(parseChecked(value));
    }

    @Property(tries = 2_000)
    void givenGeneratedDefaultNetworkAnnotations_whenParsed_thenOneSelectionOrCode7(@ForAll("eitherForm") String value) {
        Statistics.collect(CniOutcomes.outcome(() -> {
            NetworkSelection s = NetworkSelections.parseDefaultNetwork(value, "kube-system");
            assertThat(s.nad()).isNotNull();
        }, DOCUMENTED));
    }

    @Property(tries = 1_000)
    void givenCniExceptionMessages_whenParsingFails_thenTheyNameTheAnnotation(@ForAll("eitherForm") String value) {
        Optional<CniException> failure;
        try {
            NetworkSelections.parse(value, "pod-ns");
            failure = Optional.empty();
        } catch (CniException e) {
            failure = Optional.of(e);
        }
        failure.ifPresent(e -> assertThat(e.getMessage()).startsWith("k8s.v1.cni.cncf.io/networks: "));
        Statistics.collect(failure.map(e -> "code " + e.code()).orElse("ok"));
    }

    private static String parseChecked(String value) {
        return CniOutcomes.outcome(() -> {
            List<NetworkSelection> selections = NetworkSelections.parse(value, "pod-ns");
            List<String> names = NetworkSelections.assignInterfaceNames(selections);
            assertThat(names).hasSameSizeAs(selections).doesNotHaveDuplicates();
            names.forEach(n -> assertThat(dev.manifold.daemon.request.InterfaceNames.problem(n)).as(n).isNull());
        }, DOCUMENTED);
    }
}
