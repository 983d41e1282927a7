package io.linkguard.probes.netlink;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * RTM_NEWROUTE / RTM_DELROUTE (rtnetlink(7)): {@code struct rtmsg}; table is RTA_TABLE if present
 * (tables above 255 only fit there), else rtm_table. An absent destination is the default route.
 *
 * @param outIndex RTA_OIF, 0 if none
 * @param priority RTA_PRIORITY (the metric)
 */
public record RouteMessage(boolean deleted, int family, int table, int destinationLength,
        Optional<InetAddress> destination, Optional<InetAddress> gateway, int outIndex, int protocol, int scope,
        int type, OptionalInt priority) {
    public RouteMessage {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(priority, "priority");
    }
}
