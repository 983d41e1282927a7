package io.linkguard.agent.runtime;

import io.linkguard.agent.events.BfdAlerts;
import io.linkguard.agent.http.BfdStatusHandler;
import io.linkguard.alerts.AlertSink;
import io.linkguard.agent.config.BfdProbeConfig;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.LinkConfig;
import io.linkguard.agent.config.ProbeConfig;
import io.linkguard.agent.failover.LinkSupervisor;
import io.linkguard.core.log.Log;
import io.linkguard.agent.reload.ConfigDiff;
import io.linkguard.bfd.auth.Authenticator;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The BFD sessions of the links (RFC 5880/5881/5883): one engine, started with the first session,
 * and what a session's state changes feed: metrics, the log, the link's supervisor and alerts.
 */
final class BfdLinks implements RunningLinks.BfdControl, AutoCloseable {
    private final SecureRandom random;
    private final PrometheusRegistry registry;
    private final MetricsServer server;
    private final Function<String, Optional<LinkSupervisor>> supervisors;
    private final Supplier<AlertSink> alerts;
    /** The session each link runs now, as built (with its key read from the key file). */
    private final Map<String, BfdSessionConfig> running = new LinkedHashMap<>();
    private BfdEngine engine;
    private BfdMetrics metrics;

    /**
     * @param supervisors the supervisor of a link, by name, when the state change arrives
     * @param alerts      where alert events go now (it changes when a reload changes the channels)
     */
    BfdLinks(SecureRandom random, PrometheusRegistry registry, MetricsServer server,
             Function<String, Optional<LinkSupervisor>> supervisors, Supplier<AlertSink> alerts) {
        this.random = random;
        this.registry = registry;
        this.server = server;
        this.supervisors = supervisors;
        this.alerts = alerts;
    }

    /** The engine starts with the first session; /status/bfd and the BFD series come with it. */
    @Override
    public synchronized void add(LinkConfig link, BfdProbeConfig probe) throws NativeSocketException, IOException {
        BfdSessionConfig s = BfdSessions.toSessionConfig(link, probe);
        if (engine == null) {
            engine = new BfdEngine(random);
            metrics = new BfdMetrics(registry, engine);
            server.addHandler("/status/bfd", new BfdStatusHandler(engine));
        }
        metrics.register(s.name(), s.peer(), s.echoInterval().isPresent());
        try {
            engine.addSession(s, s.auth().map(k -> new Authenticator(k, random)), new Listener(metrics));
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
        if (s != null && engine != null) {
            engine.removeSession(s.name(), s.peer());
            metrics.unregister(s.name(), s.peer());
        }
    }

    @Override
    public synchronized void replayState(LinkConfig link) {
        BfdSessionConfig s = running.get(link.name());
        if (s != null && engine != null) {
            // Only to the supervisor: no metric, log line or alert, since nothing changed.
            engine.currentState(s.name(), s.peer(), c -> Loops.process().runGuarded(
                    () -> supervisors.apply(link.name()).ifPresent(x -> x.onBfd(c))));
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

    /** One session's events. */
    private final class Listener implements BfdEventListener {
        private final BfdMetrics metrics;
        /** Whether the session has been Up: its first Up is start-up, not news. */
        private boolean wasUp;

        Listener(BfdMetrics metrics) {
            this.metrics = metrics;
        }

        /**
         * On the bfd thread. Each step is guarded on its own (Loops): a metric or alert that throws must not
         * keep the link's health from hearing of the change, nor reach into the session's state machine.
         */
        @Override
        public void onStateChange(BfdStateChange c) {
            Loops loops = Loops.process();
            loops.runGuarded(() -> {
                metrics.onStateChange(c);
                log(c);
            });
            Optional<LinkSupervisor> sup = supervisors.apply(c.name());
            loops.runGuarded(() -> sup.ifPresent(x -> x.onBfd(c)));
            loops.runGuarded(() -> {
                String state = sup.map(x -> x.status().health().state().label()).orElse("unknown");
                BfdAlerts.of(c, wasUp, state).ifPresent(alerts.get()::publish);
            });
            wasUp |= c.to() == BfdState.UP;
        }

        @Override
        public void onEchoRtt(String name, InetAddress peer, long rttNanos) {
            Loops.process().runGuarded(() -> metrics.onEchoRtt(name, peer, rttNanos));
        }
    }

    /** Up at notice, a lost Up at warning, the rest (Down -> Init ...) at info. */
    private static void log(BfdStateChange c) {
        String why = c.to() == BfdState.UP ? "" : " (" + c.explanation() + ")";
        String msg = String.format("link %s: BFD session to %s %s -> %s%s", c.name(), Addresses.format(c.peer()),
                c.from().display(), c.to().display(), why);
        if (c.to() == BfdState.UP) {
            Log.notice("%s", msg);
        } else if (c.from() == BfdState.UP) {
            Log.warn("%s", msg);
        } else {
            Log.info("%s", msg);
        }
    }
}
