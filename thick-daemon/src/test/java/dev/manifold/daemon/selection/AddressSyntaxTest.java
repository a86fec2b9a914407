package dev.manifold.daemon.selection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressSyntaxTest {
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.1.1.11", "255.255.255.255", "::", "::1", "fe80::1", "FD00::AB",
            "2001:db8:0:0:0:0:0:1", "2001:db8::", "::ffff:192.0.2.1", "1:2:3:4:5:6:192.0.2.1", "1::2:3:4:5:6:7"})
    void givenIpLiteral_whenChecked_thenItIsAnIp(String s) {
        assertThat(AddressSyntax.isIp(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1..3.4", "a.b.c.d",
            "example.com", "localhost", ":::", "1:::2", "1::2::3", ":1", "1:", "12345::", "g::1", "fe80::1%eth0",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1.2.3.4::", "::1.2.3", "1::2:3:4:5:6:7:8", " 1.2.3.4",
            "10.1.1.1/24"})
    void givenNoIpLiteral_whenChecked_thenItIsNotAnIp(String s) {
        assertThat(AddressSyntax.isIp(s)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.1.11/24", "10.0.0.0/0", "10.0.0.0/32", "fd00::11/64", "::/0", "::1/128"})
    void givenCidr_whenChecked_thenItIsACidr(String s) {
        assertThat(AddressSyntax.isCidr(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.1.1", "10.1.1.1/33", "fd00::1/129", "10.1.1.1/", "/24", "10.1.1.1/2/4",
            "10.1.1.1/-1", "10.1.1.1/a", "10.1.1.1/1000"})
    void givenNoCidr_whenChecked_thenItIsNotACidr(String s) {
        assertThat(AddressSyntax.isCidr(s)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
            "02:00:00:00:00:01, 6", "02-00-00-00-00-ab, 6", "0200.0000.00Ab, 6",
            "02:00:00:00:00:00:00:01, 8", "0200.0000.0000.0001, 8",
            "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01, 20",
            "02:00:00:00:00, -1", "02:00:00:00:00:0g, -1", "02:00-00:00:00:01, -1", "2:00:00:00:00:01, -1",
            "0200.0000.000, -1", "02:00:00:00:00:00:01, -1", "020000000001, -1", "0200:0000:0001, -1"
    })
    void givenHardwareAddress_whenCounted_thenOctetsAreThoseGoParseMacAccepts(String s, int octets) {
        assertThat(AddressSyntax.hardwareAddressOctets(s)).isEqualTo(octets);
    }
}
