package io.linkguard.agent.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validated linkguard configuration, as read by {@link ConfigLoader}.
 *
 * <h2>File format</h2>
 *
 * A YAML document (UTF-8, at most 1 MiB):
 *
 * <pre>{@code
 * agent:                         # optional section
 *   listen: 127.0.0.1:18784      # HTTP server (/metrics): IP:port. Default 127.0.0.1:18784.
 *                                #   IPv6 in brackets and quotes: "[::1]:18784". No host names.
 *   node: la-edge-1              # node name for labels and alerts; default: the kernel host name.
 *                                #   1..253 of [A-Za-z0-9_.-], starting with a letter or digit.
 * links:                         # required, at least one
 *   - name: la-sg                # required, unique; [a-z0-9][a-z0-9_.-]{0,62} (a Prometheus label value)
 *     peer: 10.255.0.2           # required; IPv4 (dotted quad) or IPv6 literal, unicast, no %scope.
 *                                #   DNS names are rejected: a monitor must not depend on DNS.
 *     source: 10.255.0.1         # optional; unicast IP literal of the same family as peer
 *     interface: gre-sg          # optional; Linux ifname, 1..15 chars, no '/', ':' or whitespace
 *                                #   (SO_BINDTODEVICE)
 *     fwmark: 0x64               # optional; 1..0xFFFFFFFF, decimal or 0x hex (SO_MARK)
 *     probes:                    # required, at least one
 *       - type: icmp             # ICMP echo
 *         interval: 1s           # default 1s; 10ms..1h
 *         timeout: 2s            # default 2s; 10ms..60s; may exceed the interval
 *         size: 56               # payload bytes, default 56; 0..65507 (IPv4 peer), 0..65527 (IPv6 peer)
 *         df: false              # don't fragment, default false
 *         tos: 0                 # IPv4 TOS / IPv6 traffic class, 0..255, default 0
 *         window: 100            # probes in the loss window, default 100; 10..100000
 *       - type: tcp              # TCP connect; at most one tcp probe per port and link
 *         port: 443              # required; 1..65535
 *         interval: 5s           # default 5s; 100ms..1h
 *         timeout: 2s            # default 2s; 10ms..60s; must be less than the interval
 * }</pre>
 *
 * <p>Rules applying everywhere:
 * <ul>
 *   <li>Unknown keys and duplicate keys are errors.
 *   <li>Durations are a whole number and a unit: {@code us}, {@code ms}, {@code s}, {@code m},
 *       {@code h} (e.g. {@code 500ms}). Fractions ({@code 1.5s}: write {@code 1500ms}) and bare
 *       numbers are errors.
 *   <li>Numbers are written unquoted, in decimal (no leading zeros) or {@code 0x} hex.
 *   <li>Booleans are {@code true} or {@code false}, unquoted; {@code yes}, {@code on} etc. are errors.
 *   <li>A list or mapping where a single value is expected (and vice versa) is an error.
 *   <li>An empty {@code agent:} section means all defaults.
 * </ul>
 *
 * <p>Errors are reported all at once, sorted by line, as
 * {@code FILE:LINE: KEY: MESSAGE}, e.g.
 * {@code linkguard.yml:7: links[0].probes[1].interval: must be at least 10ms (got 5ms)}.
 *
 * @param agent  the {@code agent:} section, with defaults applied
 * @param links  the links to monitor, in file order, at least one
 * @param source where the config came from: the file name, or {@value ConfigLoader#EMBEDDED_DEFAULT_SOURCE}
 */
public record Config(AgentConfig agent, List<LinkConfig> links, String source) {

    public Config {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(source, "source");
        links = List.copyOf(links);
    }

    /** The link called {@code name}. */
    public Optional<LinkConfig> link(String name) {
        return links.stream().filter(link -> link.name().equals(name)).findFirst();
    }
}
