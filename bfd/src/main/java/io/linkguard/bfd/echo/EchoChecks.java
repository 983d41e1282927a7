package io.linkguard.bfd.echo;

import io.linkguard.bfd.BfdDropReason;

import java.net.InetAddress;
import java.util.Optional;

/**
 * The checks a returned echo's IP header must pass before its payload is
 * believed. RFC 5880 §6.4: the echo is "looped back through the remote system's
 * forwarding path"; RFC 5881 §4: its destination "MUST be chosen in such a way
 * as to cause the remote system to forward the packet back to the local
 * system". linkguard sends it from its own address to its own address with TTL
 * 255 ({@link EchoPacket}), so a genuine one comes back with our address as
 * source, having crossed exactly one router: TTL 254, or 255 if the peer's
 * forwarding does not decrement it (the GTSM reasoning of RFC 5881 §5 /
 * RFC 5082). A packet that fails either check was made by someone else;
 * accepting it would keep the Echo function alive and hide the forwarding
 * failure it exists to catch (RFC 5880 §6.8.5, §6.8.9). The payload's
 * sequence number is {@link EchoFunction#returned}'s business.
 */
public final class EchoChecks {
    /** 255 as sent, minus the peer's one forwarding hop. */
    public static final int MIN_RETURNED_TTL = 254;

    private EchoChecks() {
    }

    /**
     * @param source the received IP source address (null if unknown)
     * @param ttl    the received TTL from IP_RECVTTL (negative if the kernel gave none)
     * @param self   our address, the one every echo we send carries as source and destination
     * @return why the echo must be dropped, or empty
     */
    public static Optional<BfdDropReason> check(InetAddress source, int ttl, InetAddress self) {
        if (source == null || self == null || !source.equals(self)) {
            return Optional.of(BfdDropReason.ECHO_SOURCE);
        }
        if (ttl < MIN_RETURNED_TTL) {
            return Optional.of(BfdDropReason.ECHO_TTL);
        }
        return Optional.empty();
    }
}
