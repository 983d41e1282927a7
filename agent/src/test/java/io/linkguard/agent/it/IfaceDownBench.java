package io.linkguard.agent.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * bench/iface-down's driver: N cuts made by taking site A's tunnel interface (emu0) oper-down, on the
 * FailoverIT topology. The link probes ICMP every 1 s and runs BFD at 300 ms x 3, so a route change
 * within tens of ms cannot come from a probe or from BFD: only from the kernel's link event (issue 13,
 * reason {@code interface_down}). Per cut: the down time is the link-down line of {@code ip -ts monitor
 * link route} in A (the stamp taken just before {@code ip link set emu0 down} if none is logged), the
 * route time is the same monitor's first "via the proxy" line after it; then the interface is set up
 * again and the agent must fail back (link Up, route on the tunnel) before the next cut. Dampening is
 * off so every cut fails over. Args: cuts. Prints one "RESULT ..." line, or exits non-zero saying why.
 */
public final class IfaceDownBench {
    static final int PORT = 18785;
    static final String DEV = "emu0";
    static final Duration ROUTE_LIMIT = Duration.ofSeconds(2);
    static final Duration FAILBACK_LIMIT = Duration.ofSeconds(30);
    static final String REASON = "interface_down";

    /** Why the benchmark cannot go on; thrown through the try-with-resources so everything is closed. */
    static final class BenchFailure extends RuntimeException {
        BenchFailure(String why) {
            super(why);
        }
    }

    public static void main(String[] args) throws Exception {
        try {
            run(Integer.parseInt(args[0]));
        } catch (BenchFailure e) {
            System.out.println("FAIL " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(int cuts) throws Exception {
        List<Long> toRoute = new ArrayList<>();
        int stampedOnly = 0;
        try (FailoverTopology t = new FailoverTopology()) {
            Path monitor = t.dir.resolve("monitor.log");
            Process mon = new ProcessBuilder("ip", "-n", t.a, "-ts", "monitor", "link", "route")
                    .redirectErrorStream(true).redirectOutput(monitor.toFile()).start();
            try (AgentProcess b = new AgentProcess(t.b, agent("site-a", FailoverTopology.A_TUN,
                    FailoverTopology.B_TUN, ""), PORT);
                 AgentProcess a = new AgentProcess(t.a, agent("site-b", FailoverTopology.B_TUN,
                         FailoverTopology.A_TUN, HEALTH_AND_PATHS), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                b.awaitStarted(Duration.ofSeconds(30));
                for (int i = 0; i < cuts; i++) {
                    awaitOnTunnelAndUp(t, a, i == 0 ? "before the first cut" : "failback after cut " + i);
                    if (i == 0) {
                        System.out.println("ready: topology up, link Up, primary route installed: " + t.routeInA());
                    }
                    // Deliberate settling time, part of the benchmark's conditions (as in FailoverBench):
                    // BFD and the health windows run clean for 1.5 s before each cut.
                    Thread.sleep(1500);
                    Instant stamp = Instant.now();
                    Cmd.ok("ip", "-n", t.a, "link", "set", DEV, "down");
                    Optional<Instant> logged = awaitLine(monitor, stamp, IfaceDownBench::isLinkDown, ROUTE_LIMIT);
                    Instant down = logged.orElse(stamp);
                    if (logged.isEmpty()) {
                        stampedOnly++;
                    }
                    Optional<Instant> route = awaitLine(monitor, down, IfaceDownBench::isBackupRoute, ROUTE_LIMIT);
                    if (route.isEmpty()) {
                        fail("cut " + (i + 1) + ": no route change within " + ROUTE_LIMIT.toSeconds()
                                + " s of the cut: is interface_down detection in this build? route now: "
                                + t.routeInA() + "; status: " + reason(t));
                    }
                    String why = awaitReason(t);
                    if (!REASON.equals(why)) {
                        fail("cut " + (i + 1) + ": the route moved " + millis(down, route.get())
                                + " ms after the cut but the link is Down for '" + why + "', not '" + REASON
                                + "': is interface_down detection in this build?");
                    }
                    toRoute.add(Duration.between(down, route.get()).toNanos() / 1000);
                    System.out.printf(Locale.ROOT, "cut %d: down -> route %.1f ms%n", i + 1,
                            toRoute.getLast() / 1000.0);
                    Cmd.ok("ip", "-n", t.a, "link", "set", DEV, "up");
                }
                awaitOnTunnelAndUp(t, a, "failback after the last cut");
            } finally {
                mon.destroy();
            }
        }
        System.out.printf(Locale.ROOT, "RESULT cuts=%d route_p50_ms=%.1f route_p99_ms=%.1f route_max_ms=%.1f"
                        + " stamped_only=%d%n", cuts, pct(toRoute, 50), pct(toRoute, 99), pct(toRoute, 100),
                stampedOnly);
    }

    private static final String HEALTH_AND_PATHS = """
                health:
                  window: 1s
                  min_samples: 3
                  min_time_in_state: 0s
                  failback_delay: 1s
                  dampening: {penalty: 0}
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

    /** ICMP at 1 s and BFD at 300 ms x 3: neither can see a cut within tens of ms. */
    static String agent(String name, String peer, String source, String rest) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: %s
                    peer: %s
                    source: %s
                    interface: %s
                    probes:
                      - type: bfd
                        interval: 300ms
                        multiplier: 3
                      - type: icmp
                        interval: 1s
                        timeout: 500ms
                """.formatted(PORT, name, peer, source, DEV) + rest;
    }

    private static void awaitOnTunnelAndUp(FailoverTopology t, AgentProcess a, String what) throws Exception {
        try {
            BfdInteropIT.await("on the tunnel and Up (" + what + ")", FAILBACK_LIMIT, () ->
                    t.routeInA().contains("via " + FailoverTopology.B_TUN)
                            && a.scrape().get("linkguard_link_state{link=\"site-b\",state=\"up\"}") == 1.0);
        } catch (AssertionError | ConditionTimeoutException e) {
            fail("not back on the tunnel and Up within " + FAILBACK_LIMIT.toSeconds() + " s (" + what
                    + "): route now: " + t.routeInA() + "\n" + e.getMessage());
        }
    }

    private static void fail(String why) {
        throw new BenchFailure(why);
    }

    /** A link message for the interface without the UP flag: the cut as `ip monitor` saw it. */
    static boolean isLinkDown(String line) {
        int at = line.indexOf(" " + DEV + ": <");
        if (at < 0) {
            return false;
        }
        int end = line.indexOf('>', at);
        if (end < 0) {
            return false;
        }
        String flags = line.substring(at + DEV.length() + 4, end);
        return !List.of(flags.split(",")).contains("UP");
    }

    static boolean isBackupRoute(String line) {
        return line.contains("10.20.0.0/16 via 198.18.1.2") && !line.contains("Deleted");
    }

    /** The first monitor line matching {@code match} stamped at or after {@code since}; empty after {@code limit}. */
    private static Optional<Instant> awaitLine(Path monitor, Instant since, Predicate<String> match, Duration limit) {
        AtomicReference<Optional<Instant>> seen = new AtomicReference<>(Optional.empty());
        try {
            Awaitility.await("monitor line").atMost(limit).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10)).until(() -> {
                        seen.set(line(monitor, since, match));
                        return seen.get().isPresent();
                    });
        } catch (ConditionTimeoutException none) {
            // the caller says what was missing
        }
        return seen.get();
    }

    private static Optional<Instant> line(Path monitor, Instant since, Predicate<String> match) throws Exception {
        for (String l : Files.readAllLines(monitor)) {
            if (!l.startsWith("[") || !match.test(l)) {
                continue;
            }
            Instant at = LocalDateTime.parse(l.substring(1, l.indexOf(']'))).atZone(ZoneId.systemDefault()).toInstant();
            if (!at.isBefore(since)) {
                return Optional.of(at);
            }
        }
        return Optional.empty();
    }

    /** The reason for the link's present state from /status, once it says Down (at most 2 s). */
    private static String awaitReason(FailoverTopology t) throws Exception {
        AtomicReference<String> why = new AtomicReference<>("(no /status answer)");
        try {
            Awaitility.await("reason").atMost(ROUTE_LIMIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        why.set(reason(t));
                        return REASON.equals(why.get());
                    });
        } catch (ConditionTimeoutException e) {
            // why holds the last reason seen
        }
        return why.get();
    }

    /**
     * The link's "reason" in /status (issue 13: the cause of its present state); before that key
     * existed, the reason of its last transition.
     */
    private static String reason(FailoverTopology t) throws Exception {
        Cmd.Result r = Cmd.run(TwoHosts.in(t.a, "curl", "-sf", "--max-time", "2",
                "http://127.0.0.1:" + PORT + "/status"), 10);
        if (r.exit() != 0) {
            return "(no /status answer: curl exit " + r.exit() + ")";
        }
        JsonObject link = Json.createReader(new StringReader(r.out())).readObject().getJsonArray("links")
                .getJsonObject(0);
        String state = link.getString("state", "?");
        if (link.containsKey("reason")) {
            return link.getString("reason") + (state.equals("down") ? "" : " (state " + state + ")");
        }
        JsonArray tr = link.getJsonArray("transitions");
        return tr.isEmpty() ? "(no transition yet, state " + state + ")"
                : tr.getJsonObject(tr.size() - 1).getString("reason") + " (last transition; state " + state + ")";
    }

    private static long millis(Instant from, Instant to) {
        return Duration.between(from, to).toMillis();
    }

    /** Percentile of microsecond values, in milliseconds. */
    private static double pct(List<Long> micros, int p) {
        if (micros.isEmpty()) {
            return Double.NaN;
        }
        List<Long> v = new ArrayList<>(micros);
        Collections.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(v.size() - 1, i))) / 1000.0;
    }
}
