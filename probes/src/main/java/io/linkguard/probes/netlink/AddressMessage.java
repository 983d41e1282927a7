package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.util.Objects;

/**
 * RTM_NEWADDR / RTM_DELADDR (rtnetlink(7)): {@code struct ifaddrmsg}; the address is IFA_LOCAL if
 * present (on a point-to-point link IFA_ADDRESS is the peer's), else IFA_ADDRESS.
 */
public record AddressMessage(boolean deleted, int family, int index, int prefixLength, InetAddress address) {
    public AddressMessage {
        Objects.requireNonNull(address, "address");
    }
}
