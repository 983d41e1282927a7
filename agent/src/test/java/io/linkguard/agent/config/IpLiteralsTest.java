package io.linkguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.Inet4Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralsTest {

    @ParameterizedTest
    @ValueSource(strings = {"010.0.0.1", "10.1", "1.2.3.256", "1.2.3.4.5", "1..2.3"})
    void rejectsAmbiguousOrInvalidIpv4(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiterals.parseIp(text))
                .withMessageStartingWith("not a valid IPv4 address: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.com", "router-1"})
    void neverResolvesNames(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiterals.parseIp(text))
                .withMessageEndingWith("(DNS names are not accepted)");
    }

    @Test
    void acceptsIpv6AndIpv4MappedAsIpv4() {
        assertThat(IpLiterals.parseIp("2001:DB8::1")).isEqualTo(InetAddress.ofLiteral("2001:db8::1"));
        assertThat(IpLiterals.parseIp("::ffff:10.0.0.1")).isInstanceOf(Inet4Address.class);
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiterals.parseIp("2001:db8::g"))
                .withMessage("not a valid IPv6 address: \"2001:db8::g\"");
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiterals.parseIp("[::1]"))
                .withMessage("write the IPv6 address without brackets (got \"[::1]\")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:18784 | 127.0.0.1:18784",
        "[::1]:18784     | [::1]:18784",
        "[2001:db8:0:0:1:0:0:1]:80 | [2001:db8::1:0:0:1]:80",
        "[0:0:1:0:0:0:0:0]:80 | [0:0:1::]:80",
        "[1:0:1:0:1:0:1:0]:80 | [1:0:1:0:1:0:1:0]:80",
        "0.0.0.0:65535   | 0.0.0.0:65535",
    })
    void parsesAndFormatsListenAddresses(String text, String canonical) {
        assertThat(IpLiterals.parseListen(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1       | expected address:port, e.g. 127.0.0.1:18784 or [::1]:18784 (got \"127.0.0.1\")",
        "127.0.0.1:      | port must be between 1 and 65535 (got \"\")",
        "127.0.0.1:65536 | port must be between 1 and 65535 (got \"65536\")",
        "127.0.0.1:http  | port must be between 1 and 65535 (got \"http\")",
        "[10.0.0.1]:80   | only IPv6 addresses go in brackets (got \"[10.0.0.1]:80\")",
        ":18784          | missing the address before the port, e.g. 127.0.0.1:18784 (or 0.0.0.0:18784 for all IPv4 addresses)",
    })
    void rejectsBadListenAddresses(String text, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> IpLiterals.parseListen(text)).withMessage(message);
    }
}
