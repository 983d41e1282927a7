package io.linkguard.agent.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * bench/failover's driver: N hard cuts of the emulated tunnel at a BFD
 * interval, on the FailoverIT topology. For each cut: cut time (just before
 * the emulator's cut), route change time (from {@code ip -ts monitor route} in
 * site A), and the first request served via the proxy (client loop every
 * 10 ms, 100 ms timeout). Dampening is off so every cut fails over.
 * Args: cuts intervalMillis. Prints one "RESULT ..." line.
 */
public final class FailoverBench {
    public static void main(String[] args) throws Exception {
        int cuts = Integer.parseInt(args[0]);
        int interval = Integer.parseInt(args[1]);
        List<Long> toRoute = new ArrayList<>();
        List<Long> toGood = new ArrayList<>();
        int disturbed = 0;
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            Path monitor = t.dir.resolve("monitor.log");
            Path clientLog = t.dir.resolve("client.out");
            String health = """
                    health:
                      window: 1s
                      min_samples: 3
                      min_time_in_state: 0s
                      failback_delay: 1s
                      dampening: {penalty: 0}
                    """;
            String cfgA = config("site-b", "198.18.10.2", "198.18.10.1", interval).replace("    paths-here\n",
                    health.indent(4) + paths(hooks));
            String cfgB = config("site-a", "198.18.10.1", "198.18.10.2", interval).replace("    paths-here\n", "");
            Process mon = new ProcessBuilder("ip", "-n", t.a, "-ts", "monitor", "route").redirectErrorStream(true)
                    .redirectOutput(monitor.toFile()).start();
            mon.toHandle(); // killed below
            Process client = null;
            try (AgentProcess b = new AgentProcess(t.b, cfgB, 18784);
                 AgentProcess a = new AgentProcess(t.a, cfgA, 18784)) {
                a.awaitStarted(Duration.ofSeconds(30));
                b.awaitStarted(Duration.ofSeconds(30));
                client = new ProcessBuilder("ip", "netns", "exec", t.a, "python3",
                        FailoverTopology.resource("client.py"), FailoverTopology.SERVER, "8080", "0.01",
                        String.valueOf(cuts * 20 + 60), "0.1").redirectErrorStream(true)
                        .redirectOutput(clientLog.toFile()).start();
                // A cut whose failover cannot be told from a flap just before it (the route left the
                // tunnel before the cut) is counted, not measured, and done again: at most 'cuts' times.
                for (int i = 0, attempts = 0; i < cuts && attempts < 2 * cuts; attempts++) {
                    BfdInteropIT.await("on the tunnel and Up", Duration.ofSeconds(30), () ->
                            t.routeInA().contains("via 198.18.10.2")
                                    && a.scrape().get("linkguard_link_state{link=\"site-b\",state=\"up\"}") == 1.0);
                    // Deliberate settling time, part of the benchmark's conditions (not a wait for an
                    // event): BFD and the health windows run clean for 1.5 s before each cut.
                    Thread.sleep(1500);
                    Instant cut = Instant.now();
                    t.tunnel.cut();
                    BfdInteropIT.await("failover", Duration.ofSeconds(10), () -> t.routeInA().contains("via 198.18.1.2"));
                    Optional<Instant> route = awaitRouteChange(monitor, cut, Duration.ofSeconds(2));
                    if (route.isEmpty()) {
                        disturbed++;
                        t.tunnel.restore();
                        continue;
                    }
                    long good = firstGood(clientLog, cut.toEpochMilli());
                    toRoute.add(Duration.between(cut, route.get()).toNanos() / 1000);
                    toGood.add(good < 0 ? -1 : (good - cut.toEpochMilli()) * 1000);
                    t.tunnel.restore();
                    i++;
                }
            } finally {
                mon.destroy();
                if (client != null) {
                    client.destroy();
                }
            }
        }
        if (toRoute.size() < cuts) {
            throw new IllegalStateException("only " + toRoute.size() + " of " + cuts + " cuts measured; " + disturbed
                    + " failed over before their cut (flaps)");
        }
        System.out.printf(Locale.ROOT, "RESULT interval=%d cuts=%d route_p50_ms=%.1f route_p99_ms=%.1f route_max_ms=%.1f"
                        + " good_p50_ms=%.1f good_p99_ms=%.1f disturbed=%d%n", interval, cuts, pct(toRoute, 50),
                pct(toRoute, 99), pct(toRoute, 100), pct(toGood, 50), pct(toGood, 99), disturbed);
    }

    private static String config(String name, String peer, String source, int interval) {
        return """
                agent:
                  listen: 127.0.0.1:18784
                links:
                  - name: %s
                    peer: %s
                    source: %s
                    interface: emu0
                    probes:
                      - type: bfd
                        interval: %dms
                    paths-here
                """.formatted(name, peer, source, interval);
    }

    private static String paths(Path hooks) {
        return """
                    paths:
                      - name: tunnel
                        actions:
                          - type: route
                            prefixes: [10.20.0.0/16]
                            via: 198.18.10.2
                            dev: emu0
                      - name: proxy
                        actions:
                          - type: route
                            prefixes: [10.20.0.0/16]
                            via: 198.18.1.2
                            dev: wan0
                """;
    }

    /**
     * The first "via 198.18.1.2" route event at or after {@code since}, from ip -ts monitor (local time);
     * empty if there is none (the route had left the tunnel before the cut).
     */
    /**
     * Waits for `ip monitor` to log the change to the proxy route after {@code since}; empty if none
     * comes within {@code limit} (the route had left the tunnel before the cut).
     */
    private static Optional<Instant> awaitRouteChange(Path monitor, Instant since, Duration limit) {
        AtomicReference<Optional<Instant>> seen = new AtomicReference<>(Optional.empty());
        try {
            Awaitility.await("route change logged").atMost(limit).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20)).until(() -> {
                        seen.set(routeChange(monitor, since));
                        return seen.get().isPresent();
                    });
        } catch (ConditionTimeoutException none) {
            // a cut that failed over before it started: counted as disturbed by the caller
        }
        return seen.get();
    }

    private static Optional<Instant> routeChange(Path monitor, Instant since) throws Exception {
        for (String l : Files.readAllLines(monitor)) {
            if (!l.startsWith("[") || !l.contains("10.20.0.0/16 via 198.18.1.2")) {
                continue;
            }
            String ts = l.substring(1, l.indexOf(']'));
            Instant at = LocalDateTime.parse(ts).atZone(java.time.ZoneId.systemDefault()).toInstant();
            if (!at.isBefore(since)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    private static long firstGood(Path clientLog, long sinceMillis) throws Exception {
        for (String l : Files.readAllLines(clientLog)) {
            String[] f = l.split(" ");
            if (f.length == 3 && f[1].equals("OK") && f[2].equals(FailoverTopology.VIA_PROXY)
                    && Long.parseLong(f[0]) >= sinceMillis) {
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }

    /** Percentile of microsecond values, in milliseconds. */
    private static double pct(List<Long> micros, int p) {
        List<Long> v = new ArrayList<>(micros);
        v.removeIf(x -> x < 0);
        if (v.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i))) / 1000.0;
    }

}
