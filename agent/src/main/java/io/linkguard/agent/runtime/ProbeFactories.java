package io.linkguard.agent.runtime;

import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.IcmpProbeConfig;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.PmtuProbeConfig;
import io.linkguard.agent.config.ProbeConfig;
import io.linkguard.agent.config.TcpProbeConfig;
import io.linkguard.probes.PathBinding;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.icmp.IcmpEchoSettings;
import io.linkguard.probes.icmp.IcmpEngine;
import io.linkguard.probes.sched.ProbeScheduler;
import io.linkguard.probes.tcp.ConnectWatcher;
import io.linkguard.probes.tcp.TcpConnectProbe;
import io.linkguard.probes.tcp.TcpConnectSettings;

import java.util.random.RandomGenerator;

/**
 * Builds the probe of an ICMP or TCP probe config: one exhaustive switch over the sealed
 * {@link ProbeConfig}, so a new probe kind does not compile until it has a case here. BFD sessions and
 * PMTU searches are not {@link Probe}s: {@code RunningLinks} hands them to {@code BfdLinks} and its
 * PMTU runner before calling this.
 */
final class ProbeFactories {
    /** What a factory may use: the shared engines of the agent. */
    record Engines(ProbeScheduler scheduler, IcmpEngine icmp, ConnectWatcher tcp, RandomGenerator random) {
    }

    private ProbeFactories() {
    }

    static Probe create(LinkConfig link, ProbeConfig config, ProbeListener listener, Engines engines) {
        PathBinding binding = new PathBinding(link.source(), link.iface(), link.fwmark());
        return switch (config) {
            case IcmpProbeConfig c -> engines.icmp().newProbe(link.name(), link.peer(), binding,
                    new IcmpEchoSettings(c.interval(), c.timeout(), c.payloadBytes(), c.dontFragment(), c.tos(),
                            c.lossWindow()), listener);
            case TcpProbeConfig c -> new TcpConnectProbe(link.name(), link.peer(), binding,
                    new TcpConnectSettings(c.port(), c.interval(), c.timeout(), 100), listener, engines.scheduler(),
                    engines.tcp(), engines.random());
            case BfdProbeConfig _, PmtuProbeConfig _ ->
                    throw new IllegalStateException("a " + config.type() + " probe is not built here");
        };
    }
}
