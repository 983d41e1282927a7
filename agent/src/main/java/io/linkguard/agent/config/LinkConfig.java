package io.linkguard.agent.config;

import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.Section;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One monitored link: a peer reached over a tunnel, and the probes sent to it.
 *
 * @param name   unique link name, {@code [a-z0-9][a-z0-9_.-]{0,62}}; used as a Prometheus label value
 * @param peer   the far end of the tunnel (an IP literal, never resolved through DNS)
 * @param source the local address to send from; same address family as {@code peer}
 * @param iface  the Linux interface to bind to ({@code SO_BINDTODEVICE})
 * @param fwmark the firewall mark to set on probe packets ({@code SO_MARK}), 1..0xFFFFFFFF
 * @param probes the probes to run, at least one
 * @param health how the link's health is judged and when it fails over ({@link LinkHealthConfig#DEFAULTS}
 *               when the config has no {@code health} section)
 * @param paths  the paths its traffic can take, primary first; empty: monitor only, never switch
 */
public record LinkConfig(
        String name,
        InetAddress peer,
        Optional<InetAddress> source,
        Optional<String> iface,
        OptionalLong fwmark,
        List<ProbeConfig> probes,
        LinkHealthConfig health,
        List<PathConfig> paths) {

    public LinkConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(fwmark, "fwmark");
        probes = List.copyOf(probes);
        Objects.requireNonNull(health, "health");
        paths = List.copyOf(paths);
    }

    static final Key<String> NAME = Key.of("name", null, NameRules::readLinkName, Json.object("type", "string",
            "pattern", "^[a-z0-9][a-z0-9_.-]{0,62}$"), "unique link name, a Prometheus label value").required();
    static final Key<InetAddress> PEER = Key.of("peer", null, IpLiterals::readUnicastIp, Json.object("type", "string"),
            "the far end of the tunnel: a unicast IPv4 or IPv6 literal, never a DNS name").required();
    static final Key<InetAddress> SOURCE = Key.of("source", null, IpLiterals::readUnicastIp,
            Json.object("type", "string"), "the local address to send from; same family as peer");
    static final Key<String> INTERFACE = Key.of("interface", null, NameRules::readInterfaceName,
            Json.object("type", "string", "minLength", 1, "maxLength", 15), "the interface to bind to (SO_BINDTODEVICE)");
    static final Key<Long> FWMARK = Key.whole("fwmark", null, 1, 0xFFFF_FFFFL, "", true,
            "the firewall mark of probe packets (SO_MARK), decimal or 0x hex");
    /** Read by {@link LinkParser}: a probe's rules need the link's peer and source. */
    static final Key<List<ProbeConfig>> PROBES = Key.<List<ProbeConfig>>of("probes", null, null,
            Key.listOf(ProbeParser.schema(), 1), "the probes to run, at least one").readByCaller().required();
    static final Key<LinkHealthConfig> HEALTH = Key.of("health", LinkHealthConfig.DEFAULTS,
            (field, problems) -> new HealthParser(problems).parse(field), LinkHealthConfig.SECTION.schema(),
            "how the link's health is judged and when it fails over");
    static final Key<List<PathConfig>> PATHS = Key.of("paths", List.of(),
            (field, problems) -> new PathParser(problems).parse(field), Key.listOf(PathConfig.SECTION.schema(), 2),
            "the paths its traffic can take, primary (the tunnel) first; none: monitor only");
    static final Section SECTION = new Section("", NAME, PEER, SOURCE, INTERFACE, FWMARK, PROBES, HEALTH, PATHS);
}
