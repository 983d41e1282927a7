package io.linkguard.probes;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 127.0.0.1",
            "::1, ::1",
            "::, ::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fd00:0:0:0:0:0:0:2, fd00::2",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    })
    void rfc5952(String in, String expected) throws Exception {
        assertThat(Addresses.format(InetAddress.getByName(in))).isEqualTo(expected);
    }
}
