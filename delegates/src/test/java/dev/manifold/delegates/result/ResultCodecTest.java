package dev.manifold.delegates.result;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(CniVersion.class)
    void givenFixtureOfEachVersion_whenParsedAndWritten_thenTheSameJsonComesOut(CniVersion version) {
        CniResult result = ResultFixtures.result(version);

        String written = ResultFixtures.compact(result.toJson());

        assertThat(result.cniVersion()).isEqualTo(version);
        assertThat(written).isEqualTo(ResultFixtures.compact("result-" + version.wire() + ".json"));
    }

    @ParameterizedTest
    @EnumSource(CniVersion.class)
    void givenFixtureOfEachVersion_whenParsed_thenTheShapeMatchesTheVersion(CniVersion version) {
        CniResult result = ResultFixtures.result(version);

        Class<?> expected = version.isLegacyResult() ? Result02x.class
                : version.atLeast(CniVersion.V1_0_0) ? Result1x.class : Result04x.class;
        assertThat(result).isInstanceOf(expected);
    }

    @Test
    void givenRealBridgeOutput_whenParsedAndWritten_thenBytesAreIdentical() {
        String bridge = new String(ResultFixtures.bytes("bridge-1.0.0.json"), StandardCharsets.UTF_8).strip();

        CniResult result = CniResult.parse(bridge.getBytes(StandardCharsets.UTF_8), CniVersion.V1_0_0);

        assertThat(ResultFixtures.compact(result.toJson())).isEqualTo(bridge);
    }

    @Test
    void givenRealBridgeOutput_whenParsed_thenFieldsAreRead() {
        Result1x result = (Result1x) ResultFixtures.result("bridge-1.0.0.json");

        assertThat(result.interfaces()).hasSize(3);
        assertThat(result.interfaces().get(2)).isEqualTo(Interface.of("eth0", "e2:24:79:8d:77:95", "/var/run/netns/t1"));
        assertThat(result.ips()).containsExactly(new IpConfig(2, "10.99.0.2/24", "10.99.0.1"));
        assertThat(result.routes()).isEmpty();
        assertThat(result.dns().isEmpty()).isTrue();
    }

    @Test
    void givenNoCniVersion_whenParsed_thenFallbackShapeIsUsed() throws Exception {
        String json = "{\"ip4\":{\"ip\":\"10.1.0.5/24\"}}";

        CniResult result = CniResult.parse(JSON.readTree(json), CniVersion.V0_2_0);

        assertThat(result).isEqualTo(new Result02x(CniVersion.V0_2_0,
                new Result02x.LegacyIp("10.1.0.5/24", null, List.of()), null, Dns.empty()));
    }

    @Test
    void givenEmptyDnsIn020_whenWritten_thenDnsIsOmitted() {
        CniResult result = ResultFixtures.result(CniVersion.V0_1_0);

        assertThat(result.toJson().has("dns")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = CniVersion.class, names = {"V0_3_0", "V0_3_1", "V0_4_0", "V1_0_0", "V1_1_0"})
    void givenEmptyDnsFrom030On_whenWritten_thenAnEmptyObjectIsWrittenAsGoDoes(CniVersion version) {
        CniResult result = ResultConverter.convert(ResultFixtures.result(CniVersion.V0_1_0), version);

        assertThat(result.toJson().get("dns")).isEqualTo(JSON.createObjectNode());
    }

    @Test
    void givenIpsWithoutVersionIn040_whenWritten_thenVersionIsDerivedFromTheAddress() {
        CniResult result = ResultFixtures.result("no-version-fields-0.4.0.json");

        assertThat(result.toJson().get("ips").findValuesAsText("version")).containsExactly("4", "6");
    }

    @Test
    void given110FieldsInA100Result_whenParsed_thenTheyAreIgnored() {
        Result1x result = (Result1x) ResultFixtures.result("v11-fields-in-1.0.0.json");

        assertThat(result.interfaces()).containsExactly(new Interface("eth0", null, null, null, null, null));
        assertThat(result.routes()).containsExactly(Route.of("0.0.0.0/0", "10.1.0.1"));
    }

    @Test
    void given110FieldsOnA100Result_whenWritten_thenTheyAreLeftOut() {
        Result1x result = new Result1x(CniVersion.V1_0_0, List.of(new Interface("eth0", null, 1500, null, "/s", "0000:01:00.0")),
                List.of(), List.of(new Route("0.0.0.0/0", null, 1400, 1360, 5, 100, 0)), Dns.empty());

        String written = ResultFixtures.compact(result.toJson());

        assertThat(written).isEqualTo(
                "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\"}],\"dns\":{}}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ip-not-cidr.json              | 6 | result: ips[2].address: "10.0.0.1" is not a CIDR
            ip-v4-prefix-33.json          | 6 | result: ips[0].address: "10.0.0.1/33" is not a CIDR
            ip-v6-prefix-129.json         | 6 | result: ips[0].address: "fd00::1/129" is not a CIDR
            ip-hostname.json              | 6 | result: ips[0].address: "localhost/24" is not a CIDR
            ip-zone.json                  | 6 | result: ips[0].address: "fe80::1%eth0/64" is not a CIDR
            ip-leading-zero.json          | 6 | result: ips[0].address: "10.0.0.01/24" is not a CIDR
            ip-missing-address.json       | 6 | result: ips[0].address: is missing
            gateway-with-prefix.json      | 6 | result: ips[0].gateway: "10.0.0.1/24" is not an IP address
            interface-out-of-range.json   | 6 | result: ips[0].interface: 1 is out of range (the result has 1 interface)
            interface-negative.json       | 6 | result: ips[0].interface: -1 is out of range (the result has 1 interface)
            interface-not-integer.json    | 6 | result: ips[0].interface: must be a 32-bit integer
            version-mismatch.json         | 6 | result: ips[1].version: "4" does not match the address, which is IPv6
            version-strange.json          | 6 | result: ips[0].version: "5" does not match the address, which is IPv4
            route-dst-not-cidr.json       | 6 | result: routes[1].dst: "10.0.0.0" is not a CIDR
            route-gw-bad.json             | 6 | result: routes[0].gw: "gateway.local" is not an IP address
            route-mtu-not-int.json        | 6 | result: routes[0].mtu: must be a 32-bit integer
            interface-mtu-too-big.json    | 6 | result: interfaces[0].mtu: must be a 32-bit integer
            legacy-ip4-holds-v6.json      | 6 | result: ip4.ip: "fd00::2/64" is not an IPv4 CIDR
            legacy-route-dst.json         | 6 | result: ip4.routes[0].dst: "default" is not a CIDR
            legacy-ip-missing.json        | 6 | result: ip6.ip: is missing
            ips-not-array.json            | 6 | result: ips: must be an array, not object
            interface-not-object.json     | 6 | result: interfaces[0]: must be an object, not string
            dns-nameserver-number.json    | 6 | result: dns.nameservers[0]: must be a string
            dns-not-object.json           | 6 | result: dns: must be an object, not string
            version-number.json           | 6 | result: cniVersion: must be a string
            version-unknown.json          | 1 | unsupported CNI version "2.0.0"
            array.json                    | 6 | result is not a JSON object but array
            not-json.txt                  | 6 | result is not valid JSON
            """)
    void givenMalformedResult_whenParsed_thenCodeAndMessageNameThePath(String file, int code, String message) {
        byte[] bytes = ResultFixtures.bytes("invalid/" + file);

        assertThatThrownBy(() -> CniResult.parse(bytes, CniVersion.V1_0_0))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(message);
                });
    }

    @Test
    void givenHugeInvalidAddress_whenParsed_thenMessageStaysShort() {
        String json = "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"" + "9".repeat(50_000) + "\"}]}";

        assertThatThrownBy(() -> CniResult.parse(json.getBytes(StandardCharsets.UTF_8), CniVersion.V1_0_0))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }
}
