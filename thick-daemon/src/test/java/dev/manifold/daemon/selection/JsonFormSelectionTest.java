package dev.manifold.daemon.selection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFormSelectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static NetworkSelection everyField() {
        return NetworkSelections.parse(SelectionFixtures.read("every-field.json"), "team-a").get(0);
    }

    @Test
    void givenEveryField_whenParsed_thenNadAndInterfaceAreRead() {
        NetworkSelection s = everyField();

        assertThat(s.nad()).isEqualTo(new NadRef("team-b", "sriov-a"));
        assertThat(s.interfaceName()).contains("data0");
    }

    @Test
    void givenEveryField_whenParsed_thenAddressRequestsAreKeptAsWritten() {
        NetworkSelection s = everyField();

        assertThat(s.ips()).containsExactly("10.1.1.11/24", "fd00::11");
        assertThat(s.mac()).contains("02:00:00:00:00:11");
        assertThat(s.infinibandGuid()).contains("c2:11:22:33:44:55:66:77");
        assertThat(s.defaultRoute()).containsExactly("10.1.1.1");
        assertThat(s.deviceId()).contains("0000:03:00.1");
    }

    @Test
    void givenEveryField_whenParsed_thenRuntimeConfigValuesAreJsonAsPluginsGetThem() throws Exception {
        NetworkSelection s = everyField();

        assertThat(s.portMappings()).contains(JSON.readTree("[{\"hostPort\":8080,\"containerPort\":80,\"protocol\":\"tcp\"}]"));
        assertThat(s.bandwidth()).contains(JSON.readTree(
                "{\"ingressRate\":1000000,\"ingressBurst\":2000000,\"egressRate\":3000000,\"egressBurst\":4000000}"));
        assertThat(s.cniArgs()).contains(JSON.readTree("{\"vlan\":100,\"labels\":[\"a\",\"b\"]}"));
    }

    @Test
    void givenElementWithoutNamespace_whenParsed_thenThePodNamespaceIsUsed() {
        List<NetworkSelection> selections = NetworkSelections.parse(SelectionFixtures.read("every-field.json"), "team-a");

        assertThat(selections.get(1)).isEqualTo(NetworkSelection.of(new NadRef("team-a", "macvlan-conf")));
    }

    @Test
    void givenWhiteSpaceBeforeTheList_whenParsed_thenItIsReadAsJson() {
        List<NetworkSelection> selections = NetworkSelections.parse("\n  [ {\"name\": \"a\", \"interface\": \"x\"} ]\n", "ns");

        assertThat(selections).singleElement().extracting(NetworkSelection::interfaceName).asString().contains("x");
    }

    @Test
    void givenEmptyList_whenParsed_thenNoNetworks() {
        assertThat(NetworkSelections.parse("[]", "ns")).isEmpty();
    }

    @Test
    void givenDeprecatedInterfaceRequestKey_whenParsed_thenItNamesTheInterface() {
        NetworkSelection s = NetworkSelections.parse("[{\"name\": \"a\", \"interfaceRequest\": \"old0\"}]", "ns").get(0);

        assertThat(s.interfaceName()).contains("old0");
    }

    @Test
    void givenEmptyNamespaceString_whenParsed_thenThePodNamespaceIsUsed() {
        NetworkSelection s = NetworkSelections.parse("[{\"name\": \"a\", \"namespace\": \"\"}]", "ns").get(0);

        assertThat(s.nad()).isEqualTo(new NadRef("ns", "a"));
    }

    @Test
    void givenAcceptedAddressNotations_whenParsed_thenTheyPass() {
        String json = "[{\"name\":\"a\",\"ips\":[\"192.0.2.1\",\"::ffff:192.0.2.1/128\",\"fe80::1\"],"
                + "\"mac\":\"02-00-00-00-00-AB\",\"infiniband-guid\":\"0200.0000.0000.0001\","
                + "\"default-route\":[\"fd00::1\"]}]";

        NetworkSelection s = NetworkSelections.parse(json, "ns").get(0);

        assertThat(s.mac()).contains("02-00-00-00-00-AB");
    }

    @Test
    void givenBandwidthOf10Gbit_whenParsed_thenItIsPassedOnExactly() throws Exception {
        NetworkSelection s = NetworkSelections.parse(
                "[{\"name\":\"a\",\"bandwidth\":{\"ingressRate\":10000000000,\"egressBurst\":1}}]", "ns").get(0);

        assertThat(s.bandwidth()).contains(JSON.readTree(
                "{\"ingressRate\":10000000000,\"ingressBurst\":0,\"egressRate\":0,\"egressBurst\":1}"));
    }

    @Test
    void givenEmptyStrings_whenParsed_thenTheyReadAsAbsent() {
        String json = "[{\"name\":\"a\",\"namespace\":\"\",\"interface\":\"\",\"mac\":\"\","
                + "\"infiniband-guid\":\"\",\"deviceID\":\"\"}]";

        assertThat(NetworkSelections.parse(json, "ns")).containsExactly(NetworkSelection.of(new NadRef("ns", "a")));
    }

    @Test
    void givenPortMappingWithAbsentPortEmptyProtocolAndUnknownKey_whenParsed_thenItIsPassedOnAsMultusDoes()
            throws Exception {
        String json = "[{\"name\":\"a\",\"portMappings\":[{\"containerPort\":80,\"protocol\":\"\",\"note\":1}]}]";

        NetworkSelection s = NetworkSelections.parse(json, "ns").get(0);

        assertThat(s.portMappings()).contains(JSON.readTree("[{\"hostPort\":0,\"containerPort\":80}]"));
    }

    @Test
    void givenBandwidthWithOneLimit_whenParsed_thenTheOthersArePassedOnAsZero() throws Exception {
        NetworkSelection s = NetworkSelections.parse("[{\"name\":\"a\",\"bandwidth\":{\"ingressRate\":5}}]", "ns").get(0);

        assertThat(s.bandwidth()).contains(JSON.readTree(
                "{\"ingressRate\":5,\"ingressBurst\":0,\"egressRate\":0,\"egressBurst\":0}"));
    }

    @Test
    void givenCniArgsFromSelection_whenCallerMutatesIt_thenTheSelectionIsUnchanged() {
        NetworkSelection s = everyField();

        ((ObjectNode) s.cniArgs().orElseThrow()).put("vlan", 7);

        assertThat(s.cniArgs().orElseThrow().get("vlan").asInt()).isEqualTo(100);
    }
}
