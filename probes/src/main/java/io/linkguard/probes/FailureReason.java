package io.linkguard.probes;

import java.util.Locale;

/**
 * Why a probe failed. One enum for every kind, so a metric label
 * {@code reason} has one vocabulary; each value says which kinds produce it.
 */
public enum FailureReason {
    NONE,
    /** No answer within the timeout (ICMP, TCP). */
    TIMEOUT,
    /** TCP RST in answer to the SYN: the host is up, the port is closed. */
    REFUSED,
    /** ICMP host unreachable, or EHOSTUNREACH from the local stack (no ARP/ND answer). */
    HOST_UNREACHABLE,
    /** ICMP net unreachable, or no route (ENETUNREACH). */
    NETWORK_UNREACHABLE,
    /** ICMP administratively prohibited: a firewall rejected the probe. */
    ADMIN_PROHIBITED,
    /** ICMP port/protocol unreachable. */
    PORT_UNREACHABLE,
    /** ICMP time exceeded: a routing loop or a too-low TTL. */
    TTL_EXCEEDED,
    /** ICMP fragmentation needed / packet too big: the probe exceeds the path MTU with DF set. */
    PACKET_TOO_BIG,
    /** The connection was reset during the handshake. */
    RESET,
    /** The local stack refused to send (buffer full, EMSGSIZE, down interface). */
    SEND_FAILED,
    /** Missing capability or permission. */
    PERMISSION_DENIED,
    /** The source address is not configured here. */
    ADDRESS_UNAVAILABLE,
    /** Anything else; the log line carries the errno. */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
