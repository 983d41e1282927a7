package io.linkguard.agent.config;

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
}
