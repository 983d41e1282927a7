package io.linkguard.agent.runtime;

import io.linkguard.agent.config.IcmpProbeConfig;
import io.linkguard.agent.config.LinkConfig;
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

import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The one explicit map from probe config type to the code that builds the
 * probe (blackbox_exporter's convention): adding a kind is one entry here and
 * one parser in the config package.
 */
final class ProbeFactories {
    /** What a factory may use: the shared engines of the agent. */
    record Engines(ProbeScheduler scheduler, IcmpEngine icmp, ConnectWatcher tcp, RandomGenerator random) {
    }

    @FunctionalInterface
    interface Factory<C extends ProbeConfig> {
        Probe create(LinkConfig link, C config, PathBinding binding, ProbeListener listener, Engines engines);
    }

    private static final Map<Class<? extends ProbeConfig>, Factory<?>> FACTORIES = Map.of(
            IcmpProbeConfig.class, (Factory<IcmpProbeConfig>) (link, c, binding, listener, e) ->
                    e.icmp().newProbe(link.name(), link.peer(), binding,
                            new IcmpEchoSettings(c.interval(), c.timeout(), c.payloadBytes(), c.dontFragment(),
                                    c.tos(), c.lossWindow()), listener),
            TcpProbeConfig.class, (Factory<TcpProbeConfig>) (link, c, binding, listener, e) ->
                    new TcpConnectProbe(link.name(), link.peer(), binding,
                            new TcpConnectSettings(c.port(), c.interval(), c.timeout(), 100),
                            listener, e.scheduler(), e.tcp(), e.random()));

    private ProbeFactories() {
    }

    @SuppressWarnings("unchecked")
    static Probe create(LinkConfig link, ProbeConfig config, ProbeListener listener, Engines engines) {
        Factory<ProbeConfig> f = (Factory<ProbeConfig>) FACTORIES.get(config.getClass());
        if (f == null) {
            throw new IllegalStateException("no probe factory for " + config.getClass().getSimpleName());
        }
        return f.create(link, config, new PathBinding(link.source(), link.iface(), link.fwmark()), listener, engines);
    }
}
