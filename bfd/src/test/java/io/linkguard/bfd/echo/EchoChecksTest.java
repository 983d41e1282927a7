package io.linkguard.bfd.echo;

import io.linkguard.bfd.BfdDropReason;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 5881 §4: a returned echo comes from our own address, one forwarding hop away. */
class EchoChecksTest {
    private static final InetAddress SELF = InetAddress.ofLiteral("192.0.2.1");

    @Test
    void acceptsOurOwnAddressWithTtl255Or254() {
        assertThat(EchoChecks.check(SELF, 255, SELF)).isEmpty();
        assertThat(EchoChecks.check(SELF, 254, SELF)).isEmpty();
    }

    @Test
    void dropsAnotherSource() {
        assertThat(EchoChecks.check(InetAddress.ofLiteral("192.0.2.2"), 255, SELF)).contains(BfdDropReason.ECHO_SOURCE);
        assertThat(EchoChecks.check(null, 255, SELF)).contains(BfdDropReason.ECHO_SOURCE);
        assertThat(EchoChecks.check(SELF, 255, null)).contains(BfdDropReason.ECHO_SOURCE);
    }

    @Test
    void dropsALowTtlOrAMissingOne() {
        assertThat(EchoChecks.check(SELF, 253, SELF)).contains(BfdDropReason.ECHO_TTL);
        assertThat(EchoChecks.check(SELF, -1, SELF)).contains(BfdDropReason.ECHO_TTL);
    }
}
