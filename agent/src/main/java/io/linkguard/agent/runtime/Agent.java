package io.linkguard.agent.runtime;

import io.linkguard.agent.http.StatusHandler;
import io.linkguard.alerts.ReloadableAlerts;
import io.linkguard.alerts.ChannelStatus;
import io.linkguard.core.Version;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.agent.failover.ActionOutcome;
import io.linkguard.agent.health.LinkState;
import io.linkguard.exporter.FailoverMetrics;
import io.linkguard.core.log.Log;
import io.linkguard.agent.reload.ConfigDiff;
import io.linkguard.agent.reload.Reloader;
import io.linkguard.exporter.ReloadMetrics;
import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.exporter.AgentMetrics;
import io.linkguard.exporter.MetricsServer;
import io.linkguard.exporter.PmtuMetrics;
import io.linkguard.exporter.ProbeMetrics;
import io.linkguard.probes.Probe;
import io.linkguard.probes.icmp.IcmpEngine;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.sched.LagListener;
import io.linkguard.probes.sched.TimerThreadScheduler;
import io.linkguard.probes.tcp.ConnectWatcher;
import io.linkguard.probes.netlink.KernelWatcher;
import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.RouteMessage;
import io.linkguard.probes.netlink.RtnetlinkSocket;
import io.linkguard.exporter.InterfaceMetrics;
import io.linkguard.agent.failover.KernelRouteTable;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The running agent: one scheduler thread, one ICMP engine, one connect
 * watcher, the probes of every link, the BFD engine, the {@code links} thread
 * that runs every link's controller, and the HTTP server. Built from a
 * validated {@link Config}; closed in reverse order of start.
 */
public final class Agent implements AutoCloseable, Reloader.Target {
    private volatile Config config;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final SecureRandom random = new SecureRandom();
    private TimerThreadScheduler scheduler;
    private IcmpEngine icmp;
    private ConnectWatcher tcp;
    private BfdLinks bfd;
    /** Volatile: the netlink thread's route callbacks may run before it is built. */
    private volatile RunningLinks links;
    private LinksLoop loop;
    private MetricsServer server;
    private KernelWatcher watcher;
    private KernelEvents kernelEvents;
    /** Route actions' requests; the scrape's interface dump has a socket of its own, never in their way. */
    private RtnetlinkSocket routeSocket;
    private RtnetlinkSocket statsSocket;
    private ReloadMetrics reloadMetrics;
    /** Where alert events go; its channels are replaced in place when a reload changes them. */
    private volatile ReloadableAlerts alerts;

    private final LagListener extraLag;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    public Agent(Config config) {
        this(config, LagListener.NONE);
    }

    /** @param extraLag also told every scheduler lag (the systemd watchdog) */
    public Agent(Config config, LagListener extraLag) {
        this.config = config;
        this.extraLag = extraLag;
    }

    /** The probe scheduler, for tasks that prove it runs (the watchdog heartbeat). */
    public TimerThreadScheduler scheduler() {
        return scheduler;
    }

    /** Starts probes and the HTTP server. Throws with an operator-facing message if set-up fails. */
    public void start() throws NativeSocketException, IOException {
        AgentMetrics agentMetrics = new AgentMetrics(registry, Version.get(), config.agent().node());
        reloadMetrics = new ReloadMetrics(registry);
        scheduler = new TimerThreadScheduler("probe-timer", (lag, skipped) -> {
            agentMetrics.onLag(lag, skipped);
            extraLag.onLag(lag, skipped);
        });
        icmp = new IcmpEngine(scheduler, random);
        tcp = new ConnectWatcher();
        ProbeMetrics probeMetrics = new ProbeMetrics(registry, icmp::dropped);
        var engines = new ProbeFactories.Engines(scheduler, icmp, tcp, random);
        server = new MetricsServer(config.agent().listen().toSocketAddress(), registry);
        alerts = new ReloadableAlerts(config.agent().node());
        new io.linkguard.exporter.AlertMetrics(registry, alerts.counters());
        // Built first and handed to the engines and the controllers alike: engines publish facts, the
        // links thread drains them; neither calls the other.
        LinkInboxes inboxes = new LinkInboxes();
        bfd = new BfdLinks(random, registry, server, inboxes,
                io.linkguard.bfd.echo.NeighborTable.of(() -> watcher.view())); // the watcher starts below, before any session
        FailoverMetrics failoverMetrics = new FailoverMetrics(registry,
                Arrays.stream(LinkState.values()).map(LinkState::label).toList(), LinkState.UNKNOWN.label(),
                Arrays.stream(ActionOutcome.values()).map(ActionOutcome::label).toList());
        loop = new LinksLoop(inboxes);
        // The kernel's links, addresses, routes and neighbours (rtnetlink): read once now, then followed.
        kernelEvents = new KernelEvents(() -> watcher.view(), v -> links.kernelChanged(v),
                new KernelEvents.RouteWatch() {
                    @Override
                    public void route(RouteMessage m) {
                        RunningLinks l = links;
                        if (l != null) {
                            l.routeChanged(m);
                        }
                    }

                    @Override
                    public void interfaceChanged(LinkMessage m) {
                        RunningLinks l = links;
                        if (l != null) {
                            l.routesMayHaveChanged("interface " + m.name() + (m.deleted() ? " deleted"
                                    : m.operationallyUp() ? " up" : " down"));
                        }
                    }

                    @Override
                    public void resynced() {
                        RunningLinks l = links;
                        if (l != null) {
                            l.routesMayHaveChanged("netlink resync after lost notifications");
                        }
                    }
                });
        watcher = new KernelWatcher(kernelEvents);
        watcher.start();
        routeSocket = RtnetlinkSocket.open();
        statsSocket = RtnetlinkSocket.open();
        InterfaceMetrics interfaceMetrics = new InterfaceMetrics(registry, this::interfaceDump, watcher::resyncs,
                () -> watcher.malformed() + statsSocket.malformed() + routeSocket.malformed());
        links = new RunningLinks(failoverMetrics, probeMetrics, engines, bfd, inboxes, loop, alerts,
                new PmtuMetrics(registry), new RunningLinks.Kernel(watcher::view,
                new KernelRouteTable(routeSocket, watcher::view), interfaceMetrics));
        loop.start();
        alerts.start(config.alerts(), config.agent().stateDirectory()); // before the links: their first events count
        Config empty = new Config(config.agent(), List.of(), config.source());
        // The channels now running (start throws if they cannot): their secrets are masked in hook output
        // and in what Loops prints to the journal; the mask is updated in place on reload.
        links.hookRedaction().update(config.alerts());
        io.linkguard.core.supervise.Loops.setRedactor(links.hookRedaction()::apply);
        List<String> problems = links.apply(ConfigDiff.between(empty, config), config.links());
        if (!problems.isEmpty()) {
            throw new IOException(String.join("; ", problems));
        }
        kernelEvents.start(); // after the links: each change from now on is read against them
        server.addHandler("/status", new StatusHandler(config.agent().node(), links::statuses, this::bfdSessions,
                this::alertChannels));
        reloadMetrics.loaded(true);
        Log.notice("linkguard %s started: node %s, %d link(s), %d probe(s), %d BFD session(s), metrics on"
                        + " http://%s/metrics (config: %s)",
                Version.get(), config.agent().node(), config.links().size(), links.probes().size(),
                bfdSessions().size(), hostPort(server.address()), config.source());
    }

    /** The kernel's interfaces now, for the interface series of one scrape; empty if they cannot be read. */
    private java.util.Optional<List<LinkMessage>> interfaceDump() {
        try {
            return java.util.Optional.of(statsSocket.links());
        } catch (IOException e) {
            Log.warn("metrics: cannot read the interfaces over rtnetlink: %s", e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Applies {@code next} in place: only what changed stops or starts (see
     * {@link ConfigDiff}). Settings that need a restart are logged and kept.
     * Called on one thread (the reload thread); returns false if any part
     * failed, in which case the rest was still applied. New alert channels are
     * built and checked before the running ones stop: if they cannot be, the
     * running ones stay, with the running {@code alerts:} section and state
     * directory (so the next reload of the same file tries again).
     */
    @Override
    public synchronized boolean reload(Config next) {
        ConfigDiff diff = ConfigDiff.between(config, next);
        diff.needsRestart().forEach(m -> Log.warn("reload: %s", m));
        Log.notice("reload of %s: %s", next.source(), diff.summary());
        List<String> problems = new ArrayList<>();
        boolean alertsApplied = true;
        if (diff.alertsChanged()) {
            ReloadableAlerts.Outcome o = alerts.replace(next.alerts(), next.agent().stateDirectory());
            o.problem().ifPresent(problems::add);
            alertsApplied = o.applied();
        }
        // What cannot change in place keeps its running value, so /status and labels stay coherent.
        Config alertsFrom = alertsApplied ? next : config;
        // The secrets of the channels that run: after a failed alert change, the old ones still do.
        links.hookRedaction().update(alertsFrom.alerts());
        problems.addAll(links.apply(diff, next.links()));
        problems.addAll(bfd.refreshKeys(next, diff));
        config = new Config(new io.linkguard.agent.config.AgentConfig(config.agent().listen(), config.agent().node(),
                alertsFrom.agent().stateDirectory()), next.links(), alertsFrom.alerts(), next.source());
        problems.forEach(p -> Log.error("reload: %s", p));
        if (!problems.isEmpty()) {
            Log.error("reload of %s: %d part(s) not applied (see above); linkguard_config_last_reload_successful"
                    + " is 0", next.source(), problems.size());
        }
        reloadMetrics.loaded(problems.isEmpty());
        return problems.isEmpty();
    }

    /** Where alert events go (the running channels, whatever reloads replaced them); null before {@link #start}. */
    public io.linkguard.alerts.AlertSink alerts() {
        return alerts;
    }

    /** Each alert channel's queue and last result, for /status. */
    public List<ChannelStatus> alertChannels() {
        ReloadableAlerts a = alerts;
        return a == null ? List.of() : a.status();
    }

    /** A reload that was not applied at all (the new config is invalid). */
    @Override
    public void reloadRejected() {
        reloadMetrics.loaded(false);
    }

    public List<BfdSessionView> bfdSessions() {
        return bfd == null ? List.of() : bfd.sessions();
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        String h = io.linkguard.probes.Addresses.format(a.getAddress());
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    public List<Probe> probes() {
        return links == null ? List.of() : links.probes();
    }

    /** The config running now (after reloads). */
    public Config config() {
        return config;
    }

    /** The registry the agent's series live in. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Stops everything, in reverse order of start. Idempotent: the first call does the work (a failed
     * {@link #start} is closed by its caller, then again by the shutdown hook); later calls return at once.
     * A part that fails to close is logged and the rest are still closed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly("bindings thread", kernelEvents); // first: nothing binds while the rest stops
        closeQuietly("netlink watcher", watcher);
        closeQuietly("BFD sessions", bfd); // then: peers are told AdminDown while everything else still runs
        closeQuietly("links thread", loop); // after one last drain: the AdminDown facts are logged and alerted
        closeQuietly("links", links);
        closeQuietly("alerts", alerts); // last: the events of the shutdown itself get their chance to go out
        closeQuietly("metrics server", server);
        closeQuietly("TCP connect watcher", tcp);
        closeQuietly("ICMP engine", icmp);
        closeQuietly("rtnetlink sockets", () -> {
            if (routeSocket != null) {
                routeSocket.close();
            }
            if (statsSocket != null) {
                statsSocket.close();
            }
        });
        closeQuietly("scheduler", scheduler == null ? null : scheduler::close);
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception | Error e) {
            Log.error("stopping %s: %s", what, e);
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
