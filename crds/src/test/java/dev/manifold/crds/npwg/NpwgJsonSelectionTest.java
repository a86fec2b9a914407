package dev.manifold.crds.npwg;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.crds.Fixtures;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.NetworkSelectionElement;
import io.fabric8.openshift.api.model.miscellaneous.cncf.cni.v1.PortMapEntryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NpwgJsonSelectionTest {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private static List<NetworkSelectionElement> read(String fixture) throws JsonProcessingException {
        return NpwgJson.readSelectionElements(Fixtures.read("fixtures/npwg/" + fixture));
    }

    @Test
    void givenElementWithEveryField_whenRead_thenEveryFieldIsMapped() throws Exception {
        NetworkSelectionElement e = read("selection-every-field.json").get(0);

        assertThat(e.getName()).isEqualTo("sriov-a");
        assertThat(e.getNamespace()).isEqualTo("team-a");
        assertThat(e.getIps()).containsExactly("10.1.1.11/24", "fd00::11/64");
        assertThat(e.getMac()).isEqualTo("02:00:00:00:00:11");
        assertThat(e.getInfinibandGuid()).isEqualTo("c2:11:22:33:44:55:66:77");
        assertThat(e.getInterface()).isEqualTo("data0");
        assertThat(e.getPortMappings()).containsExactly(
                new PortMapEntryBuilder().withHostPort(8080).withContainerPort(80).withProtocol("tcp")
                        .withHostIP("192.0.2.1").build(),
                new PortMapEntryBuilder().withHostPort(5353).withContainerPort(53).build());
        assertThat(NpwgJson.rawBandwidth(e)).contains(PLAIN.readTree(
                "{\"ingressRate\":1000000,\"ingressBurst\":2000000,\"egressRate\":3000000,\"egressBurst\":4000000}"));
        assertThat(NpwgJson.deviceId(e)).contains("0000:03:00.1");
        assertThat(NpwgJson.toTree(e.getCniArgs()))
                .isEqualTo(PLAIN.readTree("{\"vlan\":100,\"labels\":[\"a\",\"b\"],\"nested\":{\"x\":null}}"));
        assertThat(e.getDefaultRoute()).containsExactly("10.1.1.1");
        assertThat(e.getIpamClaimReference()).isEqualTo("vm-a.data0");
    }

    @Test
    void givenElementWithEveryField_whenTurnedIntoATree_thenTheSameJsonComesOut() throws Exception {
        List<NetworkSelectionElement> read = read("selection-every-field.json");

        assertThat(NpwgJson.toTree(read)).isEqualTo(PLAIN.readTree(Fixtures.read("fixtures/npwg/selection-every-field.json")));
    }

    @Test
    void givenOnlyName_whenRead_thenEverythingElseIsAbsent() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelectionElements("[{\"name\":\"plain\"}]").get(0);

        assertThat(e.getNamespace()).isNull();
        assertThat(e.getIps()).isEmpty();
        assertThat(e.getPortMappings()).isEmpty();
        assertThat(NpwgJson.rawBandwidth(e)).isEmpty();
        assertThat(e.getCniArgs()).isEmpty();
        assertThat(NpwgJson.deviceId(e)).isEmpty();
    }

    @Test
    void givenNullForOptionalKeys_whenRead_thenTheyAreAccepted() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelectionElements("[{\"name\":\"a\",\"namespace\":null,\"mac\":null,"
                + "\"ips\":null,\"cni-args\":null,\"bandwidth\":null,\"deviceID\":null,\"interfaceRequest\":null}]").get(0);

        assertThat(e.getName()).isEqualTo("a");
        assertThat(e.getMac()).isNull();
        assertThat(NpwgJson.deviceId(e)).isEmpty();
    }

    @Test
    void givenNullInsideCniArgs_whenRead_thenItIsKept() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelectionElements("[{\"name\":\"a\",\"cni-args\":{\"k\":null}}]").get(0);

        assertThat(e.getCniArgs()).containsEntry("k", null);
    }

    @Test
    void givenCniArgsValueShapedLikeAKubernetesObject_whenRead_thenItStaysPlainJson() throws Exception {
        String json = "[{\"name\":\"a\",\"cni-args\":{\"k\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}}}]";

        NetworkSelectionElement e = NpwgJson.readSelectionElements(json).get(0);

        assertThat(e.getCniArgs().get("k")).isInstanceOf(Map.class);
    }

    @Test
    void givenBandwidthAboveTheIntRange_whenRead_thenItIsKeptExactly() throws Exception {
        // fabric8's BandwidthEntry holds Integer where Multus has a Go int (64 bits); "bandwidth"
        // is therefore read as plain JSON, so 10 Gbit/s survives.
        NetworkSelectionElement e = NpwgJson.readSelectionElements(
                "[{\"name\":\"a\",\"bandwidth\":{\"ingressRate\":10000000000}}]").get(0);

        assertThat(NpwgJson.rawBandwidth(e)).hasValueSatisfying(b -> assertThat(b.path("ingressRate").asLong()).isEqualTo(10_000_000_000L));
    }

    @Test
    void givenUnknownKeys_whenRead_thenTheyAreSetAsideAsAdditionalProperties() throws Exception {
        NetworkSelectionElement e = read("selection-unknown-and-deprecated.json").get(0);

        assertThat(e.getName()).isEqualTo("old-style");
        assertThat(e.getAdditionalProperties()).containsKey("someFutureKey");
    }

    @Test
    void givenDeprecatedInterfaceRequestAlone_whenRead_thenItIsTheInterface() throws Exception {
        assertThat(read("selection-unknown-and-deprecated.json").get(0).getInterface()).isEqualTo("legacy0");
    }

    @Test
    void givenInterfaceAndDeprecatedInterfaceRequest_whenRead_thenInterfaceWins() throws Exception {
        assertThat(read("selection-unknown-and-deprecated.json").get(1).getInterface()).isEqualTo("new0");
    }

    @Test
    void givenEmptyInterfaceAndDeprecatedInterfaceRequest_whenRead_thenInterfaceRequestIsTheInterface() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelectionElements(
                "[{\"name\":\"a\",\"interface\":\"\",\"interfaceRequest\":\"x0\"}]").get(0);

        assertThat(e.getInterface()).isEqualTo("x0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"namespace\":\"a\"}]", "[{\"name\":\"\"}]", "[{\"name\":null}]"})
    void givenMissingName_whenRead_thenFailsSayingSo(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements(json))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageContaining("missing \"name\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"name\": 5}]",
            "[{\"name\": true}]",
            "[{\"name\": [\"a\"]}]",
            "[{\"name\":\"a\", \"mac\": 12}]",
            "[{\"name\":\"a\", \"mac\": 1.5}]",
            "[{\"name\":\"a\", \"ips\": \"10.1.1.1\"}]",
            "[{\"name\":\"a\", \"ips\": \"\"}]",
            "[{\"name\":\"a\", \"ips\": [10]}]",
            "[{\"name\":\"a\", \"ips\": [null]}]",
            "[{\"name\":\"a\", \"ips\": {\"a\": \"b\"}}]",
            "[{\"name\":\"a\", \"portMappings\": [{\"hostPort\": \"80\", \"containerPort\": 80}]}]",
            "[{\"name\":\"a\", \"portMappings\": [{\"hostPort\": 80.5, \"containerPort\": 80}]}]",
            "[{\"name\":\"a\", \"portMappings\": [{\"hostPort\": 80.0, \"containerPort\": 80}]}]",
            "[{\"name\":\"a\", \"portMappings\": [{\"hostPort\": \"\", \"containerPort\": 80}]}]",
            "[{\"name\":\"a\", \"portMappings\": [{\"hostPort\": 99999999999, \"containerPort\": 80}]}]",
            "[{\"name\":\"a\", \"portMappings\": {\"hostPort\": 80}}]",
            "[{\"name\":\"a\", \"portMappings\": [\"80:80\"]}]",
            "[{\"name\":\"a\", \"portMappings\": [null]}]",
            "[{\"name\":\"a\", \"cni-args\": [1]}]",
            "[{\"name\":\"a\", \"cni-args\": \"x=y\"}]",
            "[{\"name\":\"a\", \"cni-args\": \"\"}]",
            "[{\"name\":\"a\", \"default-route\": \"10.1.1.1\"}]",
            "[{\"name\":\"a\", \"interface\": false}]",
            "[{\"name\":\"a\", \"deviceID\": 3}]",
            "[{\"name\":\"a\", \"deviceID\": {\"pci\": \"x\"}}]",
            "[{\"name\":\"a\", \"interfaceRequest\": [\"x0\"]}]",
            "[null]",
            "[\"a\"]",
            "{\"name\":\"a\"}",
            "\"a\"",
    })
    void givenWrongJsonType_whenRead_thenFailsInsteadOfCoercing(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements(json)).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"name\":\"a\"}] x", "[{\"name\":\"a\"}][]", "[{\"name\":\"a\",}]", "[{\"name\":\"a\""})
    void givenMalformedJson_whenRead_thenFailsWithTheLocation(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements(json))
                .isInstanceOfSatisfying(JsonProcessingException.class,
                        e -> assertThat(e.getLocation()).isNotNull());
    }

    @Test
    void givenWrongTypeDeepInside_whenRead_thenTheErrorPathPointsAtIt() {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements(
                "[{\"name\":\"a\"},{\"name\":\"b\",\"portMappings\":[{\"hostPort\":1},{\"hostPort\":\"x\"}]}]"))
                .isInstanceOfSatisfying(JsonMappingException.class,
                        e -> assertThat(path(e)).containsExactly("[1]", "portMappings", "[1]", "hostPort"));
    }

    @Test
    void givenNullElement_whenRead_thenTheErrorPathPointsAtIt() {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements("[{\"name\":\"a\"},null]"))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(path(e)).containsExactly("[1]"));
    }

    @Test
    void givenDeviceIdOfWrongType_whenRead_thenTheErrorPathPointsAtIt() {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements("[{\"name\":\"a\"},{\"name\":\"b\",\"deviceID\":1}]"))
                .isInstanceOfSatisfying(JsonMappingException.class,
                        e -> assertThat(path(e)).containsExactly("[1]", "deviceID"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{name: \"a\"}]", "[{\"name\":\"a\",}]", "[{\"name\":\"a\"}] x", "[", "nope"})
    void givenSyntaxError_whenRead_thenItIsAParseException(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements(json)).isInstanceOf(JsonParseException.class);
    }

    @Test
    void givenNumberOutOfRange_whenRead_thenItIsAMappingExceptionWithAPath() {
        assertThatThrownBy(() -> NpwgJson.readSelectionElements(
                "[{\"name\":\"a\",\"portMappings\":[{\"hostPort\":99999999999}]}]"))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(e.getPath()).hasSize(4));
    }

    private static List<String> path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .toList();
    }
}
