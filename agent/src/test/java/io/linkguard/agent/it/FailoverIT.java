package io.linkguard.agent.it;

import io.linkguard.agent.emulator.Direction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: a real flow from site A to a server in site B over an emulated
 * tunnel, a haproxy "public proxy" as the backup, real routes switched by the
 * agent, a peer agent in B. Functional time bounds are generous but exist;
 * the measured figures are printed for the record (bench/failover measures them properly).
 */
@Tag("netns")
class FailoverIT {
    private static final int PORT = 18784;
    private static final String STATE_UP = "linkguard_link_state{link=\"site-b\",state=\"up\"}";
    private static final String STATE_DOWN = "linkguard_link_state{link=\"site-b\",state=\"down\"}";

    private static String agentA(Path hooks, String extraHealth, String proxyHook) {
        String hook = "[/bin/sh, -c, 'echo \"$LINKGUARD_PATH $LINKGUARD_TO_STATE\" >> " + hooks + "']";
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: site-b
                    peer: 198.18.10.2
                    source: 198.18.10.1
                    interface: emu0
                    probes:
                      - type: bfd
                        interval: 50ms
                      - type: icmp
                        interval: 100ms
                        timeout: 500ms
                    health:
                      window: 3s
                      min_samples: 5
                      min_time_in_state: 500ms
                      failback_delay: 3s
                %s
                    paths:
                      - name: tunnel
                        actions:
                          - type: route
                            prefixes: [10.20.0.0/16]
                            via: 198.18.10.2
                            dev: emu0
                          - type: exec
                            argv: %s
                            timeout: 5s
                      - name: proxy
                        actions:
                          - type: route
                            prefixes: [10.20.0.0/16]
                            via: 198.18.1.2
                            dev: wan0
                          - type: exec
                            argv: %s
                            timeout: %s
                """.formatted(PORT, extraHealth.indent(6).stripTrailing(), hook,
                proxyHook == null ? hook : proxyHook, proxyHook == null ? "5s" : "1s");
    }

    private static String agentB() {
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: site-a
                    peer: 198.18.10.1
                    source: 198.18.10.2
                    interface: emu0
                    probes:
                      - type: bfd
                        interval: 50ms
                """.formatted(PORT);
    }

    private static long await(String what, Duration limit, Callable<Boolean> condition) throws Exception {
        long start = System.nanoTime();
        BfdInteropIT.await(what, limit, condition);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** GET /status of the agent in site A. */
    private static String status(FailoverTopology t) throws Exception {
        return Cmd.ok(TwoHosts.in(t.a, "curl", "-sf", "http://127.0.0.1:" + PORT + "/status").toArray(String[]::new));
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    /** The first request served via {@code servedBy} at or after {@code sinceMillis}, epoch ms; -1 if none. */
    private static long firstServed(Path clientLog, String servedBy, long sinceMillis) throws Exception {
        for (String l : lines(clientLog)) {
            String[] f = l.split(" ");
            if (f.length == 3 && f[1].equals("OK") && f[2].equals(servedBy) && Long.parseLong(f[0]) >= sinceMillis) {
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }

    @Test
    void hardCutFailsOverAndRecoveryFailsBackOnceAfterTheDelay() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            Path clientLog = t.dir.resolve("client.out");
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, "", null), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                b.awaitStarted(Duration.ofSeconds(30));
                Process client = new ProcessBuilder("ip", "netns", "exec", t.a, "python3",
                        FailoverTopology.resource("client.py"), FailoverTopology.SERVER, "8080", "0.05", "40")
                        .redirectErrorStream(true).redirectOutput(clientLog.toFile()).start();
                try {
                    await("link Up; agent said:\n" + a.output(), Duration.ofSeconds(20),
                            () -> a.scrape().get(STATE_UP) == 1.0);
                    await("served through the tunnel", Duration.ofSeconds(10),
                            () -> firstServed(clientLog, FailoverTopology.VIA_TUNNEL, 0) > 0);
                    assertThat(lines(hooks)).as("already on the tunnel: no action at start-up").isEmpty();

                    long cut = System.currentTimeMillis();
                    t.tunnel.cut();
                    long toRoute = await("route via the proxy", Duration.ofSeconds(5),
                            () -> t.routeInA().contains("via 198.18.1.2"));
                    await("a request served via the proxy", Duration.ofSeconds(5),
                            () -> firstServed(clientLog, FailoverTopology.VIA_PROXY, cut) > 0);
                    long firstGood = firstServed(clientLog, FailoverTopology.VIA_PROXY, cut) - cut;
                    System.out.printf("cut -> route change %d ms (polled), cut -> first good request via proxy %d ms%n",
                            toRoute, firstGood);
                    assertThat(toRoute).as("cut to route change; BFD detection is 150 ms").isLessThan(2000);
                    assertThat(firstGood).isLessThan(3000);

                    long restore = System.currentTimeMillis();
                    t.tunnel.restore();
                    long back = await("route back via the tunnel", Duration.ofSeconds(20),
                            () -> t.routeInA().contains("via 198.18.10.2"));
                    assertThat(System.currentTimeMillis() - restore).as("failback waits for the 3 s delay")
                            .isGreaterThanOrEqualTo(3000);
                    System.out.printf("restore -> failback %d ms%n", back);
                    await("hooks ran", Duration.ofSeconds(5), () -> lines(hooks).size() >= 2);
                    // Deliberate quiet second, not a wait for something: a duplicate switch or retry
                    // would be queued right behind the hooks above and show up within it.
                    Thread.sleep(1000);
                    List<String> ran = lines(hooks);
                    assertThat(ran).as("exactly one action run each way").hasSize(2);
                    assertThat(ran.get(0)).startsWith("proxy ");
                    assertThat(ran.get(1)).startsWith("tunnel up");
                    Metrics m = a.scrape();
                    assertThat(m.get("linkguard_action_runs_total{action=\"route\",link=\"site-b\",path=\"proxy\",result=\"ok\"}"))
                            .isEqualTo(1.0);
                    assertThat(m.get("linkguard_failover_active{link=\"site-b\"}")).isZero();
                    String status = status(t);
                    assertThat(status).contains("\"reason\":\"bfd_down\"").contains("\"active_path\":\"tunnel\"");
                } finally {
                    client.destroy();
                }
            }
        }
    }

    @Test
    void restartWhileOnBackupNeverFlipsBlindly() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            // The previous agent left traffic on the proxy, and the tunnel is still down.
            Cmd.ok("ip", "-n", t.a, "route", "replace", "10.20.0.0/16", "via", "198.18.1.2", "dev", "wan0");
            t.tunnel.cut();
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, "", null), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                assertThat(a.output()).contains("routes point at path proxy");
                // A blind flip would happen while the link is still UNKNOWN; once the agent has judged
                // it Down the decision is made (and stays: Down keeps traffic on the backup).
                await("link judged Down; agent said:\n" + a.output(), Duration.ofSeconds(20),
                        () -> a.scrape().get(STATE_DOWN) == 1.0);
                assertThat(t.routeInA()).contains("via 198.18.1.2");
                assertThat(lines(hooks)).as("no action while the tunnel is still down").isEmpty();
                t.tunnel.restore();
                await("one clean failback", Duration.ofSeconds(20), () -> t.routeInA().contains("via 198.18.10.2"));
                // The hook runs after the route action: wait for it, then a deliberate quiet second
                // in which a second failback or a retry would show up.
                await("failback hook ran", Duration.ofSeconds(10), () -> !lines(hooks).isEmpty());
                Thread.sleep(1000);
                assertThat(lines(hooks)).hasSize(1).first().asString().startsWith("tunnel");
            }
        }
    }

    @Test
    void aHungHookIsKilledAtItsTimeoutAndRetried() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, "", "[/bin/sleep, '600']"), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("link Up", Duration.ofSeconds(20), () -> a.scrape().get(STATE_UP) == 1.0);
                t.tunnel.cut();
                String timeouts = "linkguard_action_runs_total{action=\"exec\",link=\"site-b\",path=\"proxy\",result=\"timeout\"}";
                await("hook killed twice (first run and a retry); agent said:\n" + a.output(), Duration.ofSeconds(20),
                        () -> a.scrape().get(timeouts) >= 2.0);
                assertThat(t.routeInA()).as("the route action before the hook stays done").contains("via 198.18.1.2");
                assertThat(a.output()).contains("exec action for path proxy timeout");
                // No sleep survives its timeout: the group was killed each time.
                Cmd.Result ps = Cmd.run(List.of("pgrep", "-f", "^/bin/sleep 600$"), 10);
                assertThat(ps.out().lines().count()).as("hung hooks left: %s", ps.out()).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void thirtyPercentLossFailsOverByPolicy() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, "", null), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("link Up", Duration.ofSeconds(20), () -> a.scrape().get(STATE_UP) == 1.0);
                t.tunnel.setLoss(Direction.BOTH, 0.30);
                await("failed over on loss", Duration.ofSeconds(20), () -> t.routeInA().contains("via 198.18.1.2"));
                String status = status(t);
                assertThat(status).containsPattern("\"reason\":\"(loss_above|bfd_down)\"");
            }
        }
    }

    @Test
    void aTunnelFlappingEveryTwoSecondsFailsOverAtMostTwice() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, "", null), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("link Up", Duration.ofSeconds(20), () -> a.scrape().get(STATE_UP) == 1.0);
                // 25 s is 12 flaps: far past where dampening suppresses the link and the 3 s failback delay
                // is never met; 60 s (as before) proved no more and cost bin/test 35 s.
                t.tunnel.flap(Direction.BOTH, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(25));
                // Deliberate observation window, not a wait for an event: the claim is about the
                // whole 25 s of flapping (and 1 s past its end), so that time has to pass.
                Thread.sleep(26_000);
                long failovers = lines(hooks).stream().filter(l -> l.startsWith("proxy")).count();
                assertThat(failovers).as("hooks: %s", lines(hooks)).isBetween(1L, 2L);
                assertThat(t.routeInA()).as("still on the backup until the tunnel has been stable")
                        .contains("via 198.18.1.2");
            }
        }
    }

    @Test
    void anRttRiseAboveTheThresholdFailsOver() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            String rtt = "rtt: {degraded_enter: 100ms, degraded_leave: 50ms}";
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, rtt, null), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("link Up", Duration.ofSeconds(20), () -> a.scrape().get(STATE_UP) == 1.0);
                t.tunnel.setDelay(Direction.BOTH, Duration.ofMillis(100)); // RTT 200 ms > 100 ms
                await("failed over on RTT", Duration.ofSeconds(20), () -> t.routeInA().contains("via 198.18.1.2"));
                String status = status(t);
                assertThat(status).contains("\"reason\":\"rtt_above\"");
            }
        }
    }

    @Test
    void lossInOneDirectionIsReportedAsSuch() throws Exception {
        try (FailoverTopology t = new FailoverTopology()) {
            Path hooks = t.dir.resolve("hooks.log");
            try (AgentProcess b = new AgentProcess(t.b, agentB(), PORT);
                 AgentProcess a = new AgentProcess(t.a, agentA(hooks, "", null), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("link Up", Duration.ofSeconds(20), () -> a.scrape().get(STATE_UP) == 1.0);
                t.tunnel.blackhole(Direction.A_TO_B, true);
                await("failed over", Duration.ofSeconds(20), () -> t.routeInA().contains("via 198.18.1.2"));
                // B stops hearing A and says so; A still hears B: BFD tells the direction.
                await("direction reported; agent said:\n" + a.output(), Duration.ofSeconds(10), () ->
                        a.output().contains("the peer stopped hearing us while we still hear it"));
            }
        }
    }
}
