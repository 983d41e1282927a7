package io.linkguard.agent.runtime;

import io.linkguard.agent.events.LinkClock;
import io.linkguard.agent.events.LinkController;
import io.linkguard.agent.events.LinkFact;
import io.linkguard.agent.events.LinkInbox;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.agent.events.PmtuHistory;
import io.linkguard.agent.events.LinkStatus;
import io.linkguard.alerts.AlertSink;
import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.IcmpProbeConfig;
import io.linkguard.agent.config.TcpProbeConfig;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.PmtuProbeConfig;
import io.linkguard.agent.config.ProbeConfig;
import io.linkguard.agent.failover.HookRedaction;
import io.linkguard.agent.failover.PathActions;
import io.linkguard.agent.failover.RouteTable;
import io.linkguard.agent.failover.PinningCheck;
import io.linkguard.agent.health.HealthPolicies;
import io.linkguard.agent.health.LinkHealth;
import io.linkguard.core.log.Log;
import io.linkguard.agent.reload.ConfigDiff;
import io.linkguard.exporter.FailoverMetrics;
import io.linkguard.exporter.PmtuMetrics;
import io.linkguard.exporter.ProbeMetrics;
import io.linkguard.probes.pmtu.PmtuMonitor;
import io.linkguard.core.supervise.Loops;
import io.linkguard.probes.pmtu.PmtuSettings;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeListener;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.probes.netlink.KernelView;
import io.linkguard.agent.health.InterfaceReading;
import io.linkguard.exporter.InterfaceMetrics;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The links the agent runs now (their controllers, probes and BFD sessions),
 * changed in place by {@link #apply}: at start-up from nothing, on reload from
 * the running config. Probes, BFD and PMTU publish facts into a link's inbox by
 * name ({@link LinkInboxes}), so a controller restarted by a reload is fed
 * without touching the engines that feed it. Writers (start-up, the reload
 * thread, the bindings thread after a kernel change) are serialised by its lock;
 * the {@code links} thread reads {@link #controllers()}.
 */
final class RunningLinks implements AutoCloseable {
    /** A running probe is identified by its link and its config; the binding is part of a changed link. */
    private record ProbeKey(String link, ProbeConfig config) {
    }

    /** Starts and stops the BFD sessions of links; the agent owns the engine. */
    interface BfdControl {
        void add(LinkConfig link, BfdProbeConfig probe) throws NativeSocketException, IOException;

        void remove(LinkConfig link);

        /** Tells the link's controller the state its running session is in now (see BfdEngine.currentState). */
        void replayState(LinkConfig link);
    }

    private final Map<String, LinkController> controllers = new LinkedHashMap<>();
    /** The controllers in config order, as the links thread runs them. */
    private volatile List<LinkController> ordered = List.of();
    private final LinksLoop loop;
    private final Map<ProbeKey, Probe> probes = new LinkedHashMap<>();
    /** The path-MTU monitor of each link that has a pmtu probe (at most one per link). */
    private final Map<String, PmtuMonitor> pmtu = new LinkedHashMap<>();
    private final PmtuMetrics pmtuMetrics;
    private final FailoverMetrics failoverMetrics;
    private final ProbeMetrics probeMetrics;
    private final ProbeFactories.Engines engines;
    private final BfdControl bfd;
    private final LinkInboxes inboxes;
    private final ProbeListener listener;

    private final AlertSink alerts;
    /** The running config of each link, by name: what the kernel's changes are read against. */
    private final Map<String, LinkConfig> configs = new LinkedHashMap<>();
    private final RouteInterest routeInterest;
    /** Serialises start-up, reloads and the bindings thread: everything that starts or stops probes. */
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
    private final LinkBindings bindings;
    /** The kernel's tables as the netlink watcher last published them. */
    private final Supplier<KernelView> kernel;
    private final InterfaceMetrics interfaceMetrics;
    private final RouteTable routes;

    /**
     * What the links read of the kernel.
     *
     * @param view    the netlink watcher's latest view of links and addresses
     * @param routes  where route actions read and change routes
     * @param metrics each link's interface series
     */
    record Kernel(Supplier<KernelView> view, RouteTable routes, InterfaceMetrics metrics) {
    }
    /** Masks channel secrets in hook argv and output; shared by every action, updated with the config. */
    private final HookRedaction hookRedaction = new HookRedaction();

    /**
     * @param inboxes where probe and PMTU results go, once their metrics have counted them; the
     *                controllers drain them on the links thread
     * @param alerts  where the controllers' alert events go
     */
    RunningLinks(FailoverMetrics failoverMetrics, ProbeMetrics probeMetrics, ProbeFactories.Engines engines,
                 BfdControl bfd, LinkInboxes inboxes, LinksLoop loop, AlertSink alerts, PmtuMetrics pmtuMetrics,
                 Kernel kernel) {
        this.kernel = kernel.view();
        this.interfaceMetrics = kernel.metrics();
        this.routes = kernel.routes();
        this.routeInterest = new RouteInterest(inboxes);
        this.bindings = new LinkBindings(new LinkBindings.Binder() {
            @Override
            public List<String> bind(LinkConfig link) {
                List<String> problems = new ArrayList<>();
                startProbes(link, link.probes(), problems);
                return problems;
            }

            @Override
            public void unbind(LinkConfig link) {
                stopProbes(link, link.probes());
            }
        }, new LinkBindings.Listener() {
            @Override
            public void reading(String link, InterfaceReading reading) {
                inboxes.publish(link, new LinkFact.Interface(reading.condition(), reading.detail()));
            }

            @Override
            public void changed(String link, String iface, LinkBindings.Change change) {
                interfaceMetrics.changed(link, change.label());
            }
        });
        this.alerts = alerts;
        this.loop = loop;
        this.inboxes = inboxes;
        this.pmtuMetrics = pmtuMetrics;
        this.failoverMetrics = failoverMetrics;
        this.probeMetrics = probeMetrics;
        this.engines = engines;
        this.bfd = bfd;
        this.listener = ProbeListener.both(probeMetrics, r -> inboxes.publish(r.link(), new LinkFact.Probe(r)));
    }

    /** Called with each config applied, before {@link #apply}: which secrets hook output must not show. */
    HookRedaction hookRedaction() {
        return hookRedaction;
    }

    /** Each link's status as its controller last published it, in config order, for /status. */
    List<LinkStatus> statuses() {
        List<LinkStatus> out = new ArrayList<>();
        for (LinkController c : ordered) {
            out.add(c.status());
        }
        return out;
    }

    List<Probe> probes() {
        lock.lock();
        try {
            return List.copyOf(probes.values());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes the running links match the diff. Removals go first, so a link whose
     * binding changed closes its old sockets before opening new ones. Every
     * problem is collected rather than stopping half-way: one bad link must not
     * keep the others from being applied.
     *
     * @param order the links of the new config, in file order
     * @return one operator-facing message per part that could not be started
     */
    List<String> apply(ConfigDiff diff, List<LinkConfig> order) {
        lock.lock();
        try {
            return applyLocked(diff, order);
        } finally {
            lock.unlock();
        }
    }

    private List<String> applyLocked(ConfigDiff diff, List<LinkConfig> order) {
        List<String> problems = new ArrayList<>();
        KernelView view = kernel.get();
        for (LinkConfig l : diff.removed()) {
            bindings.stop(l);
            stopController(l.name());
            configs.remove(l.name());
            interfaceMetrics.unregister(l.name());
        }
        for (ConfigDiff.LinkChange c : diff.changed()) {
            if (bindings.isBound(c.before().name())) {
                stopProbes(c.before(), c.probesRemoved());
            }
            if (!ConfigDiff.sameBinding(c.before(), c.after())) {
                bindings.stop(c.before()); // every probe was in probesRemoved: it binds anew, to the new interface
                interfaceMetrics.unregister(c.before().name());
            }
            if (c.supervisorChanged()) {
                stopController(c.before().name());
            }
        }
        for (LinkConfig l : diff.added()) {
            configs.put(l.name(), l);
            startController(l, problems);
            l.iface().ifPresent(i -> interfaceMetrics.register(l.name(), i));
            problems.addAll(bindings.start(l, view));
        }
        for (ConfigDiff.LinkChange c : diff.changed()) {
            LinkConfig l = c.after();
            configs.put(l.name(), l);
            if (c.supervisorChanged()) {
                startController(l, problems);
                // A kept BFD session reports no change to the new controller: without its current state
                // the new health would never hear that BFD is Up (and judge the link Down for good).
                bfd.replayState(l);
            }
            if (!ConfigDiff.sameBinding(c.before(), l)) {
                l.iface().ifPresent(i -> interfaceMetrics.register(l.name(), i));
            }
            if (bindings.isBound(l.name())) {
                if (c.supervisorChanged()) {
                    bindings.retell(l.name()); // the new controller has not heard what the kernel says
                }
                startProbes(l, c.probesAdded(), problems);
            } else {
                problems.addAll(bindings.start(l, view)); // binds every probe, if the interface is there now
            }
        }
        List<LinkController> next = new ArrayList<>();
        for (LinkConfig l : order) {
            LinkController s = controllers.get(l.name());
            if (s != null) {
                next.add(s);
            }
        }
        publish(next);
        routeInterest.update(configs.values());
        return problems;
    }

    /** On the netlink thread: a route changed; the links that install one for its prefix check theirs. */
    void routeChanged(io.linkguard.probes.netlink.RouteMessage m) {
        routeInterest.routeChanged(m);
    }

    /** On the netlink thread: an interface changed, or notifications were lost: every link with routes checks. */
    void routesMayHaveChanged(String cause) {
        routeInterest.everyLink(cause);
    }

    /**
     * On the {@code bindings} thread: the kernel's link or address tables changed. Each link is read
     * again; its controller hears what changed, and its probes bind, unbind or bind anew.
     */
    void kernelChanged(KernelView view) {
        try {
            // A reload may hold the lock for a while (stopping a link waits up to 15 s for its hook): this
            // thread is waiting, not hung, so its heartbeat goes on.
            while (!lock.tryLock(1, java.util.concurrent.TimeUnit.SECONDS)) {
                Loops.process().beatCurrent();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            bindings.kernelChanged(List.copyOf(configs.values()), view);
        } finally {
            lock.unlock();
        }
    }

    private void publish(List<LinkController> next) {
        ordered = List.copyOf(next);
        loop.run(ordered);
    }

    private void startController(LinkConfig link, List<String> problems) {
        try {
            controllers.put(link.name(), newController(link));
        } catch (IOException e) {
            problems.add(e.getMessage());
        }
    }

    /**
     * Health from the probes and BFD and, for links with paths, the failover
     * decision reconciled with where the routes point now.
     */
    private LinkController newController(LinkConfig link) throws IOException {
        boolean hasBfd = link.probes().stream().anyMatch(p -> p instanceof BfdProbeConfig);
        // How long each sample-based kind may be silent: a link none of whose ICMP/TCP probes reports within
        // it goes UNKNOWN (no_samples) rather than staying in its last state.
        Map<ProbeKind, Duration> silenceBounds = new EnumMap<>(ProbeKind.class);
        for (var p : link.probes()) {
            ProbeKind kind = p instanceof IcmpProbeConfig ? ProbeKind.ICMP
                    : p instanceof TcpProbeConfig ? ProbeKind.TCP : null;
            if (kind != null) {
                silenceBounds.merge(kind, LinkHealth.silenceBound(p.interval(), p.timeout()),
                        (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
        LinkClock clock = LinkClock.SYSTEM;
        LinkHealth health = new LinkHealth(HealthPolicies.linkPolicy(link.health()), hasBfd, silenceBounds,
                clock.nanos());
        List<PathActions> paths = link.paths().stream().map(p -> PathActions.of(link.name(), p, hookRedaction, routes)).toList();
        if (!paths.isEmpty()) {
            var problem = PinningCheck.problem(link.name(), link.iface(), link.fwmark(),
                    link.peer() instanceof java.net.Inet6Address);
            if (problem.isPresent()) {
                throw new IOException(problem.get());
            }
        }
        var current = paths.isEmpty() ? Optional.<String>empty() : PathActions.currentlyActive(paths);
        current.ifPresent(c -> Log.notice("link %s: routes point at path %s (reconciled)", link.name(), c));
        var decision = HealthPolicies.decision(link.health(), paths.stream().map(PathActions::name).toList(), current);
        LinkInbox inbox = inboxes.open(link.name());
        return new LinkController(link.name(), health, decision, paths, failoverMetrics, alerts, inbox, clock,
                LinkController.failoverThread(link.name()), () -> bfd.replayState(link),
                link.health().interfaceDown() == io.linkguard.agent.config.LinkHealthConfig.InterfaceDown.IGNORE);
    }

    private void stopController(String link) {
        LinkController s = controllers.remove(link);
        if (s != null) {
            inboxes.close(s.inbox());
            publish(ordered.stream().filter(c -> c != s).toList());
            loop.awaitPass(); // the links thread no longer touches it: its series can go for good
            s.retire(); // waits up to 15 s for a running hook
            // The reload thread's heartbeat allows 60 s: a reload that stops several links with hooks
            // running must not look hung to the watchdog, so each stop counts as progress.
            Loops.process().beatCurrent();
        }
    }

    private void startProbes(LinkConfig link, List<ProbeConfig> configs, List<String> problems) {
        for (ProbeConfig pc : configs) {
            try {
                if (pc instanceof BfdProbeConfig b) {
                    bfd.add(link, b);
                    continue;
                }
                if (pc instanceof PmtuProbeConfig m) {
                    startPmtu(link, m);
                    continue;
                }
                Probe p = ProbeFactories.create(link, pc, listener, engines);
                probeMetrics.register(p);
                try {
                    p.start();
                } catch (NativeSocketException e) {
                    probeMetrics.unregister(p);
                    p.close();
                    throw e;
                }
                probes.put(new ProbeKey(link.name(), pc), p);
            } catch (IOException | RuntimeException e) {
                problems.add("link " + link.name() + ", " + pc.type() + " probe to "
                        + io.linkguard.probes.Addresses.format(link.peer()) + ": " + e.getMessage());
            }
        }
    }

    private void stopProbes(LinkConfig link, List<ProbeConfig> configs) {
        for (ProbeConfig pc : configs) {
            if (pc instanceof BfdProbeConfig) {
                bfd.remove(link);
                continue;
            }
            if (pc instanceof PmtuProbeConfig) {
                PmtuMonitor m = pmtu.remove(link.name());
                if (m != null) {
                    m.close();
                    pmtuMetrics.unregister(link.name());
                }
                continue;
            }
            Probe p = probes.remove(new ProbeKey(link.name(), pc));
            if (p != null) {
                p.close();
                probeMetrics.unregister(p);
            }
        }
    }

    /**
     * The link's path-MTU monitor: its own thread and socket, bound like the
     * link's other probes, so it measures the tunnel and not the default route.
     */
    private void startPmtu(LinkConfig link, PmtuProbeConfig c) {
        var family = io.linkguard.probes.net.LinuxSocket.Family.of(link.peer());
        PmtuSettings settings = new PmtuSettings(PmtuSettings.minimum(family), c.max().orElse(0), c.timeout(),
                PmtuSettings.DEFAULT_MAX_PROBES, c.maxProbes());
        pmtuMetrics.register(link.name(), link.peer(), c.expected());
        PmtuHistory history = new PmtuHistory(); // lives as long as the monitor, as the drop rule needs
        PmtuMonitor m = new PmtuMonitor(link.name(), link.peer(),
                new io.linkguard.probes.PathBinding(link.source(), link.iface(), link.fwmark()), settings,
                c.interval(), c.checkInterval(), (name, r) -> {
                    pmtuMetrics.onSearch(name, r);
                    inboxes.publish(name, new LinkFact.Pmtu(r, c.expected(), c.degrade(), history));
                });
        pmtu.put(link.name(), m);
        m.start();
    }

    @Override
    public void close() {
        pmtu.values().forEach(PmtuMonitor::close);
        probes.values().forEach(Probe::close);
        ordered.forEach(LinkController::close);
    }
}
