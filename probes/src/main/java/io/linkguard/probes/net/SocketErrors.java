package io.linkguard.probes.net;

/**
 * Turns an errno from a named call into the typed exception, with a message
 * that says what to do. The hints are the ones an operator needs at 3 a.m.
 */
final class SocketErrors {
    static final String CAP_NET_RAW_HINT =
            "raw ICMP needs CAP_NET_RAW: run as root or grant it (systemd: AmbientCapabilities=CAP_NET_RAW)";
    static final String SO_MARK_HINT =
            "SO_MARK needs CAP_NET_RAW (CAP_NET_ADMIN on kernels before 5.17): run as root or grant it"
                    + " (systemd: AmbientCapabilities=CAP_NET_RAW CAP_NET_ADMIN)";
    static final String BINDTODEVICE_HINT =
            "SO_BINDTODEVICE needs CAP_NET_RAW: run as root or grant it (systemd: AmbientCapabilities=CAP_NET_RAW)";

    private SocketErrors() {
    }

    static NativeSocketException of(String operation, int errno, String context) {
        Errno e = Errno.of(errno);
        return switch (e) {
            case EPERM, EACCES -> new NativeSocketException.PermissionDenied(operation, errno,
                    context != null ? context : "permission denied: run as root or grant the needed capability");
            case ENETUNREACH, EHOSTUNREACH, ENETDOWN, EHOSTDOWN -> new NativeSocketException.Unreachable(operation, errno,
                    context != null ? context : "no route to the destination: check 'ip route get' for it");
            case EADDRNOTAVAIL -> new NativeSocketException.AddressUnavailable(operation, errno,
                    context != null ? context : "the source address is not configured on this host: check 'ip addr'");
            case EADDRINUSE -> new NativeSocketException.AddressUnavailable(operation, errno,
                    context != null ? context : "the address and port are already in use by another socket");
            case ENODEV -> new NativeSocketException.NoSuchDevice(operation, errno,
                    context != null ? context : "no such network interface: check 'ip link'");
            case EMSGSIZE -> new NativeSocketException.MessageTooLong(operation, errno,
                    context != null ? context : "datagram larger than the path MTU with DF set (or the socket limit)");
            case EAFNOSUPPORT -> new NativeSocketException.FamilyUnsupported(operation, errno,
                    context != null ? context : "address family not supported: is IPv6 disabled (net.ipv6.conf.all.disable_ipv6)?");
            default -> new NativeSocketException(operation, errno, context);
        };
    }
}
