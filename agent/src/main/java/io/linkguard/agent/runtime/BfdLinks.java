package io.linkguard.agent.runtime;

import io.linkguard.agent.events.LinkFact;
import io.linkguard.agent.events.LinkInboxes;
import io.linkguard.agent.events.LinkLog;
import io.linkguard.agent.http.BfdStatusHandler;
import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.ProbeConfig;
import io.linkguard.core.log.Log;
import io.linkguard.agent.reload.ConfigDiff;
import io.linkguard.bfd.auth.Authenticator;
import io.linkguard.bfd.echo.NeighborTable;
import io.linkguard.bfd.engine.BfdEngine;
import io.linkguard.bfd.engine.BfdEventListener;
import io.linkguard.bfd.engine.BfdSessionConfig;
import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.bfd.engine.BfdStateChange;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.exporter.BfdMetrics;
import io.linkguard.exporter.MetricsServer;
import io.linkguard.probes.Addresses;
import io.linkguard.probes.net.NativeSocketException;
import io.linkguard.core.supervise.Loops;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BFD sessions of the links (RFC 5880/5881/5883): one engine, started with the first session.
 * On the bfd thread a session's state change only updates its metrics and becomes a fact in the
 * link's inbox; the link's controller logs it, judges it and alerts on it, on the links thread.
 */
final class BfdLinks implements RunningLinks.BfdControl, AutoCloseable {
    private final SecureRandom random;
    private final PrometheusRegistry registry;
    private final MetricsServer server;
    private final LinkInboxes inboxes;
    /**
     * The session each link runs now, as built (with its key read from the key file). Concurrent: the
     * links thread reads it in {@link #replayState}, without the lock the reload thread holds.
     */
    private final Map<String, BfdSessionConfig> running = new ConcurrentHashMap<>();
    /** Each running session's listener, by link: what a replay says of the session's history. */
    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    private volatile BfdEngine engine;
    private BfdMetrics metrics;

    private final NeighborTable.Source neighbors;

    /**
     * @param inboxes   where each session's state changes go, by link name
     * @param neighbors where BFD echoes find their next hop (the netlink watcher's neighbour table)
     */
    BfdLinks(SecureRandom random, PrometheusRegistry registry, MetricsServer server, LinkInboxes inboxes,
             NeighborTable.Source neighbors) {
        this.neighbors = neighbors;
        this.random = random;
        this.registry = registry;
        this.server = server;
        this.inboxes = inboxes;
    }

    /** The engine starts with the first session; /status/bfd and the BFD series come with it. */
    @Override
    public synchronized void add(LinkConfig link, BfdProbeConfig probe) throws NativeSocketException, IOException {
        BfdSessionConfig s = BfdSessions.toSessionConfig(link, probe);
        if (engine == null) {
            engine = new BfdEngine(random, neighbors);
            metrics = new BfdMetrics(registry, engine);
            server.addHandler("/status/bfd", new BfdStatusHandler(engine));
        }
        metrics.register(s.name(), s.peer(), s.echoInterval().isPresent());
        try {
            Listener listener = new Listener(metrics);
            engine.addSession(s, s.auth().map(k -> new Authenticator(k, random)), listener);
            listeners.put(link.name(), listener);
        } catch (NativeSocketException e) {
            metrics.unregister(s.name(), s.peer());
            throw new Agent.NativeSocketExceptionWithContext("link " + s.name() + ", bfd session to "
                    + Addresses.format(s.peer()) + ": " + e.getMessage(), e);
        }
        running.put(link.name(), s);
    }

    /**
     * AdminDown first (the engine tells the peer), then the session and its series go. Does not
     * wait for the AdminDown period: the engine closes the session after it, so a reload that
     * removes many sessions sends every AdminDown at once and waits once (RFC 5880 §6.8.16).
     */
    @Override
    public synchronized void remove(LinkConfig link) {
        BfdSessionConfig s = running.remove(link.name());
        Listener l = listeners.remove(link.name());
        if (l != null) {
            // Its AdminDown is ours, not news: the link is going, or unbinding from an interface that went
            // away (and its health already knows why). A fact arriving after the next session's would undo it.
            l.retired = true;
            // Said instead: a link that keeps running (its session replaced) must not keep the old Up. A
            // removed link's inbox is closed already and drops it.
            inboxes.publish(link.name(), new LinkFact.BfdRestarted());
        }
        if (s != null && engine != null) {
            engine.removeSession(s.name(), s.peer());
            metrics.unregister(s.name(), s.peer());
        }
    }

    /**
     * From the reload thread (a new controller) or the links thread (a BFD fact was dropped by a full
     * inbox): no lock, so the links thread never waits for a reload.
     */
    @Override
    public void replayState(LinkConfig link) {
        BfdSessionConfig s = running.get(link.name());
        BfdEngine e = engine;
        if (s != null && e != null) {
            // Marked as a replay: no metric here, and the controller logs or alerts only if it is news to it.
            Listener l = listeners.get(link.name());
            try {
                // The callback runs on the bfd thread, where the listener's history is written too.
                e.currentState(s.name(), s.peer(), c -> inboxes.publish(link.name(),
                        new LinkFact.Bfd(c, true, l != null && l.wasUp)));
            } catch (IllegalStateException stopped) {
                // the engine stopped (shutdown): its AdminDown facts are what the link hears last
            }
        }
    }

    /**
     * A key file can change while the config text does not: a session whose key (or anything else)
     * no longer matches what it runs with restarts.
     *
     * @return what failed, for the reload's report
     */
    synchronized List<String> refreshKeys(Config next, ConfigDiff diff) {
        List<String> problems = new ArrayList<>();
        for (LinkConfig link : next.links()) {
            if (diff.added().contains(link) || !running.containsKey(link.name())) {
                continue;
            }
            for (ProbeConfig pc : link.probes()) {
                if (pc instanceof BfdProbeConfig b) {
                    try {
                        if (!BfdSessions.toSessionConfig(link, b).equals(running.get(link.name()))) {
                            Log.notice("reload: link %s: BFD key changed, restarting its session", link.name());
                            remove(link);
                            add(link, b);
                        }
                    } catch (IOException | RuntimeException e) {
                        problems.add("link " + link.name() + ", bfd session: " + e.getMessage());
                    }
                }
            }
        }
        return problems;
    }

    List<BfdSessionView> sessions() {
        BfdEngine e = engine;
        return e == null ? List.of() : e.sessions();
    }

    /** Every session goes AdminDown and tells its peer so (RFC 5880 §6.8.16) before the engine stops. */
    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** One session's events, on the bfd thread: metrics, then a fact for the link's controller. */
    private final class Listener implements BfdEventListener {
        private final BfdMetrics metrics;
        /** Whether this session has been Up (on the bfd thread): its first Up is start-up, not news. */
        private volatile boolean wasUp;
        /** Removed: its changes update its metrics (until they go) but reach no controller. */
        private volatile boolean retired;

        Listener(BfdMetrics metrics) {
            this.metrics = metrics;
        }

        /** Each step guarded on its own (Loops): a metric that throws must not keep the fact from the link. */
        @Override
        public void onStateChange(BfdStateChange c) {
            Loops loops = Loops.process();
            loops.runGuarded(() -> metrics.onStateChange(c));
            boolean before = wasUp;
            wasUp |= c.to() == BfdState.UP;
            if (retired) {
                loops.runGuarded(() -> LinkLog.bfd(c)); // the journal still has it
                return;
            }
            loops.runGuarded(() -> {
                if (!inboxes.publish(c.name(), new LinkFact.Bfd(c, false, before))) {
                    // No controller heard it (the link's controller failed to start, a reload is between
                    // two, or its inbox is full): the journal still gets the line the controller would write.
                    LinkLog.bfd(c);
                }
            });
        }

        @Override
        public void onEchoRtt(String name, InetAddress peer, long rttNanos) {
            Loops.process().runGuarded(() -> metrics.onEchoRtt(name, peer, rttNanos));
        }
    }
}
