package io.linkguard.agent.config;

import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.Section;
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

    /** Read by {@link ActionParser}: all prefixes of one family. */
    static final Key<List<IpPrefix>> PREFIXES = Key.<List<IpPrefix>>of("prefixes", null, null,
            Key.listOf(Json.object("type", "string"), 1), "the prefixes to route, all of one family").readByCaller()
            .required();
    static final Key<InetAddress> VIA = Key.of("via", null, IpLiterals::readUnicastIp, Json.object("type", "string"),
            "the next hop, same family as the prefixes");
    static final Key<String> DEV = Key.of("dev", null, NameRules::readInterfaceName,
            Json.object("type", "string", "minLength", 1, "maxLength", 15), "the output interface");
    static final Key<String> TABLE = Key.of("table", null, ActionParser::table,
            Json.object("type", List.of("string", "integer")), "the routing table, a name or 1..4294967295");
    static final Section SECTION = new Section(" for a route action", ActionParser.TYPE_KEY, PREFIXES, VIA, DEV,
            TABLE);

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
