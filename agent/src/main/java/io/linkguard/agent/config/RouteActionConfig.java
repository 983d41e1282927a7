package io.linkguard.agent.config;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code type: route}: replace the routes to {@code prefixes} so that they go via this path, like
 * {@code ip route replace PREFIX [via VIA] [dev DEV] [table TABLE]}.
 *
 * @param prefixes at least one, all of one address family, host bits zero
 * @param via      the next hop, same family as the prefixes
 * @param dev      the output interface; at least one of {@code via} and {@code dev} is set
 * @param table    the routing table, a name from {@code rt_tables} or a number 1..4294967295; empty: main
 */
public record RouteActionConfig(List<IpPrefix> prefixes, Optional<InetAddress> via, Optional<String> dev,
                                Optional<String> table) implements ActionConfig {

    public static final String TYPE = "route";

    public RouteActionConfig {
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(table, "table");
    }

    @Override
    public String type() {
        return TYPE;
    }
}
