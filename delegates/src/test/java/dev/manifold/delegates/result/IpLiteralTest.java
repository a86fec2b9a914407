package dev.manifold.delegates.result;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.1, V4", "0.0.0.0, V4", "255.255.255.255, V4",
            "::, V6", "::1, V6", "fd00::1, V6", "FE80::A:b:C, V6", "1:2:3:4:5:6:7:8, V6",
            "1::, V6", "1:2:3:4:5:6:7::, V6", "::ffff:10.1.2.3, V6", "64:ff9b::192.0.2.33, V6"})
    void givenAddressLiteral_whenRecognised_thenFamilyIsKnown(String text, IpLiteral.Family family) {
        assertThat(IpLiteral.familyOf(text)).contains(family);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "localhost", "example.com", "10.0.0", "10.0.0.1.2", "10.0.0.256", "10.0.0.01", "10.0.0.-1",
            "1.2.3.4 ", "١٠.0.0.1", ":::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "1::2::3", "12345::",
            "fe80::1%eth0", "[fd00::1]", "g::1", ":1::", "1::2:", "::10.1.2", "10.1.2.3::", "fd00::1/64"})
    void givenNonLiteral_whenRecognised_thenEmpty(String text) {
        assertThat(IpLiteral.familyOf(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, V4", "0.0.0.0/0, V4", "10.0.0.1/32, V4", "::/0, V6", "fd00::/128, V6"})
    void givenCidr_whenRecognised_thenFamilyIsKnown(String text, IpLiteral.Family family) {
        assertThat(IpLiteral.familyOfCidr(text)).contains(family);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.1/33", "fd00::/129", "10.0.0.1/", "10.0.0.1/-1", "10.0.0.1/8/8",
            "10.0.0.1/1000", "localhost/24", "10.0.0.1/ 8", "10.0.0.1/٨"})
    void givenNonCidr_whenRecognised_thenEmpty(String text) {
        assertThat(IpLiteral.familyOfCidr(text)).isEmpty();
    }
}
