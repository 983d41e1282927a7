package io.linkguard.probes.net;

import java.net.InetAddress;

/**
 * One {@code struct sock_extended_err} from the socket error queue
 * ({@code IP_RECVERR}/{@code IPV6_RECVERR}, see ip(7)).
 *
 * @param errno     the error, e.g. EHOSTUNREACH or EMSGSIZE
 * @param origin    where it came from: local stack, ICMP or ICMPv6
 * @param icmpType  ICMP type when the origin is ICMP, else 0
 * @param icmpCode  ICMP code when the origin is ICMP, else 0
 * @param info      for EMSGSIZE: the MTU the kernel learned (RFC 1191 next-hop MTU)
 * @param offender  the router that sent the ICMP error, or null for local errors
 */
public record ExtendedError(Errno errno, int rawErrno, Origin origin, int icmpType, int icmpCode, long info,
                            InetAddress offender) {

    /** {@code SO_EE_ORIGIN_*}. */
    public enum Origin {
        NONE, LOCAL, ICMP, ICMP6, OTHER;

        static Origin of(int wire) {
            return switch (wire) {
                case 0 -> NONE;
                case LinuxConstants.SO_EE_ORIGIN_LOCAL -> LOCAL;
                case LinuxConstants.SO_EE_ORIGIN_ICMP -> ICMP;
                case LinuxConstants.SO_EE_ORIGIN_ICMP6 -> ICMP6;
                default -> OTHER;
            };
        }
    }
}
