package io.linkguard.probes.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SocketErrorsTest {
    @Test
    void epermOnRawSocketNamesTheCapabilityAndTheFix() {
        NativeSocketException e = SocketErrors.of("socket", 1, SocketErrors.CAP_NET_RAW_HINT);
        assertThat(e).isInstanceOf(NativeSocketException.PermissionDenied.class);
        assertThat(e.getMessage()).isEqualTo("raw ICMP needs CAP_NET_RAW: run as root or grant it"
                + " (systemd: AmbientCapabilities=CAP_NET_RAW) [socket: EPERM (operation not permitted)]");
    }

    @Test
    void errnoMapsToTypedExceptions() {
        assertThat(SocketErrors.of("sendto", 101, null)).isInstanceOf(NativeSocketException.Unreachable.class);
        assertThat(SocketErrors.of("bind", 99, null)).isInstanceOf(NativeSocketException.AddressUnavailable.class)
                .hasMessageContaining("check 'ip addr'");
        assertThat(SocketErrors.of("setsockopt(SO_BINDTODEVICE)", 19, null))
                .isInstanceOf(NativeSocketException.NoSuchDevice.class);
        assertThat(SocketErrors.of("sendto", 90, null)).isInstanceOf(NativeSocketException.MessageTooLong.class);
        assertThat(SocketErrors.of("socket", 97, null)).isInstanceOf(NativeSocketException.FamilyUnsupported.class)
                .hasMessageContaining("disable_ipv6");
    }

    @Test
    void unknownErrnoKeepsItsNumber() {
        NativeSocketException e = SocketErrors.of("recvmsg", 4242, null);
        assertThat(e.errno()).isEqualTo(Errno.UNKNOWN);
        assertThat(e.rawErrno()).isEqualTo(4242);
        assertThat(e.getMessage()).isEqualTo("recvmsg: errno 4242");
    }

    @Test
    void bindToUnknownInterfaceSaysSo() throws Exception {
        try (LinuxSocket s = LinuxSocket.udp(LinuxSocket.Family.INET)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.bindToDevice("nosuchif0"))
                    .isInstanceOf(NativeSocketException.NoSuchDevice.class)
                    .hasMessageStartingWith("no such network interface \"nosuchif0\"");
        }
    }
}
