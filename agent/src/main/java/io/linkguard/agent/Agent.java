package io.linkguard.agent;

import io.linkguard.agent.cli.Version;
import io.linkguard.agent.cli.BfdJson;
import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.failover.FailoverMetrics;
import io.linkguard.agent.failover.LinkSupervisor;
import io.linkguard.agent.failover.PathActions;
import io.linkguard.agent.failover.PinningCheck;
import io.linkguard.agent.health.HealthPolicies;
import io.linkguard.agent.health.LinkHealth;
import io.linkguard.agent.config.ProbeConfig;
import io.linkguard.agent.log.Log;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.auth.KeyFiles;
import io.linkguard.bfd.engine.BfdEngine;
import io.linkguard.bfd.engine.BfdEventListener;
import io.linkguard.bfd.engine.BfdSessionConfig;
import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.exporter.AgentMetrics;
import io.linkguard.exporter.BfdMetrics;
import io.linkguard.exporter.MetricsServer;
import io.linkguard.exporter.ProbeMetrics;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.icmp.IcmpEngine;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.sched.TimerThreadScheduler;
import io.linkguard.probes.tcp.ConnectWatcher;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The running agent: one scheduler thread, one ICMP engine, one connect
 * watcher, the probes of every link, and the HTTP server. Built from a
 * validated {@link Config}; closed in reverse order of start.
 */
public final class Agent implements AutoCloseable {
    private final Config config;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<Probe> probes = new ArrayList<>();
    private TimerThreadScheduler scheduler;
    private IcmpEngine icmp;
    private ConnectWatcher tcp;
    private BfdEngine bfd;
    private final List<LinkSupervisor> supervisors = new ArrayList<>();
    private MetricsServer server;

    public Agent(Config config) {
        this.config = config;
    }

    /** Starts probes and the HTTP server. Throws with an operator-facing message if set-up fails. */
    public void start() throws NativeSocketException, IOException {
        AgentMetrics agentMetrics = new AgentMetrics(registry, Version.get(), config.agent().node());
        SecureRandom random = new SecureRandom();
        scheduler = new TimerThreadScheduler("probe-timer", agentMetrics);
        icmp = new IcmpEngine(scheduler, random);
        tcp = new ConnectWatcher();
        ProbeMetrics probeMetrics = new ProbeMetrics(registry, icmp::dropped);
        startSupervisors();
        ProbeListener listener = ProbeListener.both(probeMetrics, r -> {
            logNotable(r);
            for (LinkSupervisor s : supervisors) {
                s.onProbe(r);
            }
        });
        var engines = new ProbeFactories.Engines(scheduler, icmp, tcp, random);
        List<BfdSessionConfig> bfdSessions = new ArrayList<>();
        for (LinkConfig link : config.links()) {
            for (ProbeConfig pc : link.probes()) {
                if (pc instanceof BfdProbeConfig b) {
                    bfdSessions.add(BfdSessions.toSessionConfig(link, b));
                    continue;
                }
                Probe p = ProbeFactories.create(link, pc, listener, engines);
                probeMetrics.register(p);
                probes.add(p);
            }
        }
        server = new MetricsServer(config.agent().listen().toSocketAddress(), registry);
        if (!bfdSessions.isEmpty()) {
            startBfd(bfdSessions, random);
        }
        server.addHandler("/status", new StatusHandler(config.agent().node(), supervisors, this::bfdSessions));
        scheduler.scheduleAtFixedRate(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(100), () -> {
            for (LinkSupervisor s : supervisors) {
                s.tick();
            }
        });
        for (Probe p : probes) {
            try {
                p.start();
            } catch (NativeSocketException e) {
                throw new NativeSocketExceptionWithContext("link " + p.link() + ", " + p.kind().label() + " probe to "
                        + p.target() + ": " + e.getMessage(), e);
            }
        }
        Log.notice("linkguard %s started: node %s, %d link(s), %d probe(s), %d BFD session(s), metrics on"
                        + " http://%s/metrics (config: %s)",
                Version.get(), config.agent().node(), config.links().size(), probes.size(), bfdSessions().size(),
                hostPort(server.address()), config.source());
    }

    /**
     * One supervisor per link: health from the probes and BFD, and, for links
     * with paths, the failover decision reconciled with where the routes point now.
     */
    private void startSupervisors() throws IOException {
        FailoverMetrics metrics = new FailoverMetrics(registry);
        long now = System.nanoTime();
        for (LinkConfig link : config.links()) {
            boolean hasBfd = link.probes().stream().anyMatch(p -> p instanceof BfdProbeConfig);
            LinkHealth health = new LinkHealth(HealthPolicies.linkPolicy(link.health()), hasBfd, now);
            List<PathActions> paths = link.paths().stream().map(p -> PathActions.of(link.name(), p)).toList();
            if (!paths.isEmpty()) {
                var problem = PinningCheck.problem(link.name(), link.iface(), link.fwmark(),
                        link.peer() instanceof java.net.Inet6Address);
                if (problem.isPresent()) {
                    throw new IOException(problem.get());
                }
            }
            var current = paths.isEmpty() ? java.util.Optional.<String>empty() : PathActions.currentlyActive(paths);
            current.ifPresent(c -> Log.notice("link %s: routes point at path %s (reconciled at start-up)",
                    link.name(), c));
            var decision = HealthPolicies.decision(link.health(), paths.stream().map(PathActions::name).toList(),
                    current);
            supervisors.add(new LinkSupervisor(link.name(), health, decision, paths, metrics));
        }
    }

    private void startBfd(List<BfdSessionConfig> sessions, SecureRandom random) throws NativeSocketException, IOException {
        bfd = new BfdEngine(random);
        BfdMetrics metrics = new BfdMetrics(registry, bfd::sessions, bfd::dropped);
        server.addHandler("/status/bfd", new BfdStatusHandler(bfd));
        for (BfdSessionConfig s : sessions) {
            metrics.register(s.name(), s.peer(), s.echoInterval().isPresent());
            try {
                bfd.addSession(s, s.auth().map(k -> new Authenticator(k, random)), new BfdEventListener() {
                    @Override
                    public void onStateChange(BfdStateChange c) {
                        metrics.onStateChange(c);
                        logBfd(c);
                        for (LinkSupervisor s : supervisors) {
                            s.onBfd(c);
                        }
                    }

                    @Override
                    public void onEchoRtt(String name, java.net.InetAddress peer, long rttNanos) {
                        metrics.onEchoRtt(name, peer, rttNanos);
                    }
                });
            } catch (NativeSocketException e) {
                throw new NativeSocketExceptionWithContext("link " + s.name() + ", bfd session to "
                        + io.linkguard.probes.Addresses.format(s.peer()) + ": " + e.getMessage(), e);
            }
        }
    }

    private static void logBfd(BfdStateChange c) {
        String why = c.to() == io.linkguard.bfd.packet.BfdState.UP ? "" : " (" + c.explanation() + ")";
        String msg = String.format("link %s: BFD session to %s %s -> %s%s", c.name(),
                io.linkguard.probes.Addresses.format(c.peer()), c.from().display(), c.to().display(), why);
        if (c.to() == io.linkguard.bfd.packet.BfdState.UP) {
            Log.notice("%s", msg);
        } else if (c.from() == io.linkguard.bfd.packet.BfdState.UP) {
            Log.warn("%s", msg);
        } else {
            Log.info("%s", msg);
        }
    }

    public List<BfdSessionView> bfdSessions() {
        return bfd == null ? List.of() : bfd.sessions();
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        String h = io.linkguard.probes.Addresses.format(a.getAddress());
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** Failures are logged at info, not per success: the metrics carry the rest. */
    private static void logNotable(ProbeResult r) {
        if (r.outcome() == io.linkguard.probes.Outcome.FAILED) {
            Log.info("link %s: %s probe to %s failed: %s", r.link(), r.kind().label(), r.target(), r.reason().label());
        }
    }

    public List<Probe> probes() {
        return List.copyOf(probes);
    }

    public java.net.InetSocketAddress httpAddress() {
        return server.address();
    }

    @Override
    public void close() {
        if (bfd != null) {
            bfd.close(); // first: peers are told AdminDown while everything else still runs
        }
        probes.forEach(Probe::close);
        supervisors.forEach(LinkSupervisor::close);
        if (server != null) {
            server.close();
        }
        if (tcp != null) {
            tcp.close();
        }
        if (icmp != null) {
            icmp.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
    }

    /** Keeps the errno-typed cause while prefixing which link and probe failed. */
    static final class NativeSocketExceptionWithContext extends IOException {
        private static final long serialVersionUID = 1L;

        NativeSocketExceptionWithContext(String message, NativeSocketException cause) {
            super(message, cause);
        }
    }
}
