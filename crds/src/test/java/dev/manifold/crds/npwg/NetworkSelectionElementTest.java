package dev.manifold.crds.npwg;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.manifold.crds.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkSelectionElementTest {
    @Test
    void givenElementWithEveryField_whenRead_thenEveryFieldIsMapped() throws Exception {
        List<NetworkSelectionElement> read =
                NpwgJson.readSelections(Fixtures.read("fixtures/npwg/selection-every-field.json"));

        NetworkSelectionElement e = read.get(0);
        assertThat(e.name()).isEqualTo("sriov-a");
        assertThat(e.namespace()).isEqualTo("team-a");
        assertThat(e.ips()).containsExactly("10.1.1.11/24", "fd00::11/64");
        assertThat(e.mac()).isEqualTo("02:00:00:00:00:11");
        assertThat(e.infinibandGuid()).isEqualTo("c2:11:22:33:44:55:66:77");
        assertThat(e.interfaceName()).isEqualTo("data0");
        assertThat(e.portMappings()).containsExactly(
                new NetworkSelectionElement.PortMapping(8080, 80, "tcp", "192.0.2.1"),
                new NetworkSelectionElement.PortMapping(5353, 53, null, null));
        assertThat(e.bandwidth()).isEqualTo(
                new NetworkSelectionElement.Bandwidth(1_000_000, 2_000_000, 3_000_000, 4_000_000));
        assertThat(e.deviceId()).isEqualTo("0000:03:00.1");
        assertThat(e.cniArgs().toString()).isEqualTo("{\"vlan\":100,\"labels\":[\"a\",\"b\"],\"nested\":{\"x\":null}}");
        assertThat(e.defaultRoute()).containsExactly("10.1.1.1");
        assertThat(e.ipamClaimReference()).isEqualTo("vm-a.data0");
    }

    @Test
    void givenOnlyName_whenRead_thenEverythingElseIsAbsent() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelections("[{\"name\":\"plain\"}]").get(0);

        assertThat(e).isEqualTo(NetworkSelectionElement.of("plain"));
        assertThat(e.ips()).isEmpty();
        assertThat(e.namespace()).isNull();
        assertThat(e.cniArgs()).isNull();
    }

    @Test
    void givenElements_whenWrittenAndReadBack_thenTheJsonIsTheExpectedCompactForm() throws Exception {
        List<NetworkSelectionElement> read =
                NpwgJson.readSelections(Fixtures.read("fixtures/npwg/selection-every-field.json"));

        String written = NpwgJson.write(read);

        assertThat(written).isEqualTo(Fixtures.read("fixtures/npwg/selection-every-field.expected.json").strip());
        assertThat(NpwgJson.readSelections(written)).isEqualTo(read);
    }

    @Test
    void givenUnknownKeys_whenRead_thenTheyAreIgnored() throws Exception {
        List<NetworkSelectionElement> read =
                NpwgJson.readSelections(Fixtures.read("fixtures/npwg/selection-unknown-and-deprecated.json"));

        assertThat(NpwgJson.write(read)).doesNotContain("someFutureKey");
    }

    @Test
    void givenDeprecatedInterfaceRequestAlone_whenRead_thenItIsTheInterface() throws Exception {
        List<NetworkSelectionElement> read =
                NpwgJson.readSelections(Fixtures.read("fixtures/npwg/selection-unknown-and-deprecated.json"));

        assertThat(read.get(0).interfaceName()).isEqualTo("legacy0");
    }

    @Test
    void givenInterfaceAndDeprecatedInterfaceRequest_whenRead_thenInterfaceWins() throws Exception {
        List<NetworkSelectionElement> read =
                NpwgJson.readSelections(Fixtures.read("fixtures/npwg/selection-unknown-and-deprecated.json"));

        assertThat(read.get(1).interfaceName()).isEqualTo("new0");
    }

    @Test
    void givenDeprecatedInterfaceRequest_whenWritten_thenOnlyInterfaceIsWritten() throws Exception {
        List<NetworkSelectionElement> read = NpwgJson.readSelections("[{\"name\":\"a\",\"interfaceRequest\":\"x0\"}]");

        assertThat(NpwgJson.write(read)).isEqualTo("[{\"name\":\"a\",\"interface\":\"x0\"}]");
    }

    @Test
    void givenEmptyStringsAndNulls_whenRead_thenTheyReadAsAbsent() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelections(
                "[{\"name\":\"a\",\"namespace\":\"\",\"mac\":null,\"ips\":null,\"interface\":\"\",\"cni-args\":null}]")
                .get(0);

        assertThat(e).isEqualTo(NetworkSelectionElement.of("a"));
    }

    @Test
    void givenMissingName_whenRead_thenFailsSayingSo() {
        assertThatThrownBy(() -> NpwgJson.readSelections("[{\"namespace\":\"a\"}]"))
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
            "[{\"name\":\"a\", \"bandwidth\": {\"ingressRate\": \"1M\"}}]",
            "[{\"name\":\"a\", \"bandwidth\": [1, 2]}]",
            "[{\"name\":\"a\", \"bandwidth\": \"\"}]",
            "[{\"name\":\"a\", \"cni-args\": [1]}]",
            "[{\"name\":\"a\", \"cni-args\": \"x=y\"}]",
            "[{\"name\":\"a\", \"default-route\": \"10.1.1.1\"}]",
            "[{\"name\":\"a\", \"interface\": false}]",
            "[null]",
            "[\"a\"]",
            "{\"name\":\"a\"}",
            "\"a\"",
    })
    void givenWrongJsonType_whenRead_thenFailsInsteadOfCoercing(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelections(json)).isInstanceOf(JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"name\":\"a\"}] x", "[{\"name\":\"a\"}][]", "[{\"name\":\"a\",}]", "[{\"name\":\"a\""})
    void givenMalformedJson_whenRead_thenFailsWithTheLocation(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelections(json))
                .isInstanceOfSatisfying(JsonProcessingException.class,
                        e -> assertThat(e.getLocation()).isNotNull());
    }

    @Test
    void givenWrongTypeDeepInside_whenRead_thenTheErrorPathPointsAtIt() {
        assertThatThrownBy(() -> NpwgJson.readSelections(
                "[{\"name\":\"a\"},{\"name\":\"b\",\"portMappings\":[{\"hostPort\":1},{\"hostPort\":\"x\"}]}]"))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(e.getPath())
                        .extracting(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                        .containsExactly("[1]", "portMappings", "[1]", "hostPort"));
    }

    @Test
    void givenElement_whenToTree_thenTreeMatchesWrittenForm() throws Exception {
        NetworkSelectionElement.Bandwidth bw = new NetworkSelectionElement.Bandwidth(1, 2, 3, 4);

        assertThat(NpwgJson.toTree(bw).toString())
                .isEqualTo("{\"ingressRate\":1,\"ingressBurst\":2,\"egressRate\":3,\"egressBurst\":4}");
    }

    @Test
    void givenCniArgsReadFromElement_whenCallerMutatesIt_thenTheElementIsUnchanged() throws Exception {
        NetworkSelectionElement e = NpwgJson.readSelections("[{\"name\":\"a\",\"cni-args\":{\"k\":1}}]").get(0);

        e.cniArgs().put("k", 2);

        assertThat(e.cniArgs().get("k").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{name: \"a\"}]", "[{\"name\":\"a\",}]", "[{\"name\":\"a\"}] x", "[", "nope"})
    void givenSyntaxError_whenRead_thenItIsAParseException(String json) {
        assertThatThrownBy(() -> NpwgJson.readSelections(json)).isInstanceOf(JsonParseException.class);
    }

    @Test
    void givenNumberOutOfRange_whenRead_thenItIsAMappingExceptionWithAPath() {
        assertThatThrownBy(() -> NpwgJson.readSelections(
                "[{\"name\":\"a\",\"portMappings\":[{\"hostPort\":99999999999}]}]"))
                .isInstanceOfSatisfying(JsonMappingException.class, e -> assertThat(e.getPath()).hasSize(4));
    }
}
