package dev.manifold.delegates.result;

import dev.manifold.delegates.spec.CniException;
import dev.manifold.delegates.spec.CniVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultConverterTest {

    static Stream<Arguments> allPairs() {
        return Stream.of(CniVersion.values())
                .flatMap(from -> Stream.of(CniVersion.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> upwardPairs() {
        return allPairs().filter(a -> ((CniVersion) a.get()[0]).compareTo((CniVersion) a.get()[1]) <= 0);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void givenFixture_whenConverted_thenItHasTheTargetVersionAndShape(CniVersion from, CniVersion to) {
        CniResult converted = ResultConverter.convert(ResultFixtures.result(from), to);

        assertThat(converted.cniVersion()).isEqualTo(to);
        assertThat(converted.toJson().get("cniVersion").asText()).isEqualTo(to.wire());
        Class<?> shape = to.isLegacyResult() ? Result02x.class : to.atLeast(CniVersion.V1_0_0) ? Result1x.class : Result04x.class;
        assertThat(converted).isInstanceOf(shape);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void givenFixture_whenConverted_thenItsJsonParsesBackToTheSameResult(CniVersion from, CniVersion to) {
        CniResult converted = ResultConverter.convert(ResultFixtures.result(from), to);

        assertThat(CniResult.parse(converted.toJson(), CniVersion.V0_1_0)).isEqualTo(converted);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void givenFixture_whenConverted_thenIpsAreKeptOrFirstOfEachFamilyForLegacy(CniVersion from, CniVersion to) {
        List<String> source = addresses(ResultFixtures.result(from));

        List<String> converted = addresses(ResultConverter.convert(ResultFixtures.result(from), to));

        assertThat(converted).isEqualTo(to.isLegacyResult() ? firstOfEachFamily(source) : source);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("allPairs")
    void givenFixture_whenConverted_thenDnsIsKept(CniVersion from, CniVersion to) {
        Dns source = ResultConverter.toCurrent(ResultFixtures.result(from)).dns();

        Dns converted = ResultConverter.toCurrent(ResultConverter.convert(ResultFixtures.result(from), to)).dns();

        assertThat(converted).isEqualTo(source);
    }

    @ParameterizedTest(name = "{0} -> {1} -> {0}")
    @MethodSource("upwardPairs")
    void givenFixture_whenConvertedUpAndBack_thenItIsUnchanged(CniVersion from, CniVersion to) {
        CniResult original = ResultFixtures.result(from);

        CniResult roundTrip = ResultConverter.convert(ResultConverter.convert(original, to), from);

        assertThat(roundTrip).isEqualTo(original);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1.1.0, 1.0.0", "1.1.0, 0.4.0", "1.1.0, 0.2.0", "0.2.0, 1.1.0", "0.2.0, 0.4.0",
            "0.4.0, 1.0.0", "0.4.0, 0.2.0", "0.1.0, 0.3.0"})
    void givenFixture_whenConverted_thenOutputMatchesTheGoldenFile(String from, String to) {
        CniResult source = ResultFixtures.result("result-" + from + ".json");

        CniResult converted = ResultConverter.convert(source, CniVersion.parse(to));

        assertThat(ResultFixtures.compact(converted.toJson()))
                .isEqualTo(ResultFixtures.compact("expected-" + from + "-to-" + to + ".json"));
    }

    @Test
    void givenV4OnlyResultWithV6Route_whenConvertedTo020_thenTheV6RouteIsDropped() {
        CniResult source = ResultFixtures.result("v4-only-with-v6-route-1.0.0.json");

        CniResult converted = ResultConverter.convert(source, CniVersion.V0_2_0);

        assertThat(ResultFixtures.compact(converted.toJson()))
                .isEqualTo(ResultFixtures.compact("expected-v4-only-with-v6-route-to-0.2.0.json"));
    }

    @ParameterizedTest
    @EnumSource(value = CniVersion.class, names = {"V0_1_0", "V0_2_0"})
    void givenResultWithoutIp_whenConvertedToLegacy_thenIncompatibleVersion(CniVersion target) {
        CniResult source = ResultFixtures.result("no-ip-1.0.0.json");

        assertThatThrownBy(() -> ResultConverter.convert(source, target))
                .isInstanceOfSatisfying(CniException.class, e -> {
                    assertThat(e.code()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("without IP addresses").contains(target.wire());
                    assertThat(e.details()).contains("1 interface(s), 1 route(s) and DNS");
                });
    }

    @Test
    void givenEmptyResult_whenConvertedTo020_thenIncompatibleVersion() {
        CniResult empty = new Result1x(CniVersion.V1_0_0, List.of(), List.of(), List.of(), Dns.empty());

        assertThatThrownBy(() -> ResultConverter.convert(empty, CniVersion.V0_2_0))
                .isInstanceOfSatisfying(CniException.class, e -> assertThat(e.code()).isEqualTo(1));
    }

    @ParameterizedTest
    @EnumSource(value = CniVersion.class, names = {"V0_3_0", "V0_3_1", "V0_4_0", "V1_0_0", "V1_1_0"})
    void givenResultWithoutIp_whenConvertedTo030OrLater_thenEverythingIsKept(CniVersion target) {
        CniResult source = ResultFixtures.result("no-ip-1.0.0.json");

        Result1x back = ResultConverter.toCurrent(ResultConverter.convert(source, target), CniVersion.V1_0_0);

        assertThat(back).isEqualTo(source);
    }

    @Test
    void givenResult04xBuiltWith110Fields_whenLifted_thenTheyAreDropped() {
        Result04x r = new Result04x(CniVersion.V0_4_0, List.of(new Interface("eth0", null, 1500, null, "/s", "pci")),
                List.of(), List.of(new Route("0.0.0.0/0", null, 1400, null, null, 7, null)), Dns.empty());

        Result1x lifted = ResultConverter.toCurrent(r);

        assertThat(lifted.interfaces()).containsExactly(new Interface("eth0", null, null, null, null, null));
        assertThat(lifted.routes()).containsExactly(Route.of("0.0.0.0/0", null));
    }

    @Test
    void given110Result_whenToCurrentAt110_thenNothingIsLost() {
        CniResult source = ResultFixtures.result(CniVersion.V1_1_0);

        assertThat(ResultConverter.toCurrent(source)).isEqualTo(source);
    }

    @Test
    void givenPre100Target_whenToCurrent_thenRejected() {
        CniResult source = ResultFixtures.result(CniVersion.V1_1_0);

        assertThatThrownBy(() -> ResultConverter.toCurrent(source, CniVersion.V0_4_0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> addresses(CniResult result) {
        return switch (result) {
            case Result1x r -> r.ips().stream().map(IpConfig::address).toList();
            case Result04x r -> r.ips().stream().map(IpConfig::address).toList();
            case Result02x r -> Stream.of(r.ip4(), r.ip6()).filter(java.util.Objects::nonNull)
                    .map(Result02x.LegacyIp::ip).toList();
        };
    }

    private static List<String> firstOfEachFamily(List<String> addresses) {
        List<String> out = new ArrayList<>();
        addresses.stream().filter(a -> !a.contains(":")).findFirst().ifPresent(out::add);
        addresses.stream().filter(a -> a.contains(":")).findFirst().ifPresent(out::add);
        return out;
    }
}
