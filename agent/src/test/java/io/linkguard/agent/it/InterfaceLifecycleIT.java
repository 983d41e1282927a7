package io.linkguard.agent.it;

import io.linkguard.agent.emulator.LinkEmulator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.linkguard.agent.it.BfdInteropIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, the link's interface as a real kernel object that comes and goes under the running agent:
 * absent at start (the agent runs on, the link Down {@code interface_absent}) and then created (a veth, a
 * TUN standing in for a point-to-point tunnel: this kernel has no GRE); set down by an operator (Down
 * {@code interface_down} at once, long before a 1 s ICMP probe could tell); deleted and re-created under a
 * BFD session with FRR (Up again with no restart); and echo refused on a TUN by check-config.
 */
@Tag("netns")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InterfaceLifecycleIT {
    private static final int PORT = 18784;
    private static final String LINK = "t";
    private static final String STATE_UP = "linkguard_link_state{link=\"t\",state=\"up\"}";
    private static final String BFD_UP = "linkguard_bfd_session_state{link=\"t\",peer=\"198.18.0.2\",state=\"up\"}";

    private static String config(String iface, String probes) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: %s
                    peer: %s
                    source: %s
                    interface: %s
                    probes:
                %s
                    health:
                      window: 3s
                      min_samples: 2
                      min_time_in_state: 0s
                """.formatted(PORT, LINK, InterfaceHosts.PEER_V4, InterfaceHosts.AGENT_V4, iface,
                probes.indent(6).stripTrailing());
    }

    private static final String ICMP_FAST = """
            - type: icmp
              interval: 100ms
              timeout: 500ms
            """;

    private static double ifaceSeries(AgentProcess a, String name, String iface, String change) throws Exception {
        Map<String, String> labels = change == null ? Map.of("link", LINK, "interface", iface)
                : Map.of("link", LINK, "interface", iface, "change", change);
        return InterfaceHosts.series(a.scrape(), name, labels);
    }

    /** Started with its interface absent: running, Down for interface_absent, interface_up 0. */
    private static void assertAbsentAtStart(InterfaceHosts h, AgentProcess a, String iface) throws Exception {
        a.awaitStarted(Duration.ofSeconds(30));
        await("link Down for interface_absent; agent said:\n" + a.output(), Duration.ofSeconds(10),
                () -> h.status(PORT).contains("\"reason\":\"interface_absent\""));
        String status = h.status(PORT);
        assertThat(status).contains("\"state\":\"down\"").contains("\"reason\":\"interface_absent\"");
        assertThat(a.scrape().get("linkguard_link_state{link=\"t\",state=\"down\"}")).isEqualTo(1.0);
        assertThat(ifaceSeries(a, "linkguard_interface_up", iface, null)).as("interface_up while absent").isZero();
        assertThat(a.isAlive()).as("the agent keeps running").isTrue();
    }

    @Test
    void absentAtStartThenAVethIsCreated() throws Exception {
        try (InterfaceHosts h = new InterfaceHosts();
             AgentProcess a = new AgentProcess(h.agentNs, config("lgv0", ICMP_FAST), PORT)) {
            assertAbsentAtStart(h, a, "lgv0");
            h.veth("lgv0", InterfaceHosts.AGENT_V4, "lgv0p", InterfaceHosts.PEER_V4);
            long up = awaitMillis("link Up over the new veth; agent said:\n" + a.output(), Duration.ofSeconds(20),
                    () -> a.scrape().get(STATE_UP) == 1.0);
            System.out.printf("veth created -> link Up %d ms%n", up);
            assertThat(ifaceSeries(a, "linkguard_interface_changes_total", "lgv0", "created")).isEqualTo(1.0);
            assertThat(ifaceSeries(a, "linkguard_interface_up", "lgv0", null)).isEqualTo(1.0);
            assertThat(h.status(PORT)).contains("\"state\":\"up\"");
        }
    }

    @Test
    void absentAtStartThenATunIsCreated() throws Exception {
        try (InterfaceHosts h = new InterfaceHosts();
             AgentProcess a = new AgentProcess(h.agentNs, config("lgt0", ICMP_FAST), PORT)) {
            assertAbsentAtStart(h, a, "lgt0");
            // A TUN with no process attached has no carrier; the emulator holds both ends and relays.
            try (LinkEmulator tun = LinkEmulator.builder(h.agentNs, h.peerNs)
                    .addresses(InterfaceHosts.AGENT_V4, InterfaceHosts.PEER_V4).interfaceName("lgt0")
                    .maxLifetime(Duration.ofMinutes(2)).start()) {
                assertThat(h.inAgent("cat", "/sys/class/net/lgt0/type").strip()).as("ARPHRD_NONE").isEqualTo("65534");
                long up = awaitMillis("link Up over the TUN; agent said:\n" + a.output(), Duration.ofSeconds(20),
                        () -> a.scrape().get(STATE_UP) == 1.0);
                System.out.printf("TUN created -> link Up %d ms%n", up);
                assertThat(ifaceSeries(a, "linkguard_interface_changes_total", "lgt0", "created")).isEqualTo(1.0);
                assertThat(ifaceSeries(a, "linkguard_interface_up", "lgt0", null)).isEqualTo(1.0);
            }
        }
    }

    private static final Pattern STAMPED = Pattern.compile("^<\\d>(\\S+) link t: up -> down: (.*)$", Pattern.MULTILINE);

    @Test
    void anInterfaceSetDownIsDownAtOnceNotAfterAProbe() throws Exception {
        try (InterfaceHosts h = new InterfaceHosts()) {
            h.veth("lgv0", InterfaceHosts.AGENT_V4, "lgv0p", InterfaceHosts.PEER_V4);
            try (AgentProcess a = new AgentProcess(h.agentNs, config("lgv0", """
                    - type: icmp
                      interval: 1s
                      timeout: 900ms
                    """), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("link Up; agent said:\n" + a.output(), Duration.ofSeconds(20),
                        () -> a.scrape().get(STATE_UP) == 1.0);
                // Measured from just before 'ip -n NS link set down' is forked (so the fork is counted against
                // the agent) to the millisecond stamp of the agent's own "up -> down" log line: same host,
                // same wall clock. /status is checked afterwards for the reason.
                long before = System.currentTimeMillis();
                Cmd.ok("ip", "-n", h.agentNs, "link", "set", "lgv0", "down");
                long after = System.currentTimeMillis();
                await("link Down; agent said:\n" + a.output(), Duration.ofSeconds(5),
                        () -> STAMPED.matcher(a.output()).find());
                Matcher m = STAMPED.matcher(a.output());
                assertThat(m.find()).isTrue();
                long latency = OffsetDateTime.parse(m.group(1)).toInstant().toEpochMilli() - before;
                System.out.printf("ip link set down -> agent Down %d ms (%d ms after ip returned): %s%n", latency,
                        latency - (after - before), m.group(2));
                assertThat(m.group(2)).contains("lgv0");
                String status = h.status(PORT);
                assertThat(status).contains("\"state\":\"down\"").contains("\"reason\":\"interface_down\"");
                assertThat(latency).as("a 1 s probe cannot tell this fast; the kernel's message can")
                        .isLessThan(100);
                assertThat(ifaceSeries(a, "linkguard_interface_changes_total", "lgv0", "down")).isEqualTo(1.0);
                assertThat(ifaceSeries(a, "linkguard_interface_up", "lgv0", null)).isZero();

                h.inAgent("ip", "link", "set", "lgv0", "up");
                long back = awaitMillis("link Up again; agent said:\n" + a.output(), Duration.ofSeconds(20),
                        () -> a.scrape().get(STATE_UP) == 1.0);
                System.out.printf("ip link set up -> agent Up %d ms%n", back);
            }
        }
    }

    private static String frrPeer() {
        return """
                bfd
                 peer %s local-address %s
                  receive-interval 100
                  transmit-interval 100
                  detect-multiplier 3
                 !
                !
                """.formatted(InterfaceHosts.AGENT_V4, InterfaceHosts.PEER_V4);
    }

    @Test
    void bfdComesBackUpOnARecreatedInterfaceWithoutRestart() throws Exception {
        try (InterfaceHosts h = new InterfaceHosts()) {
            h.veth("lgv0", InterfaceHosts.AGENT_V4, "lgv0p", InterfaceHosts.PEER_V4);
            try (Frr frr = new Frr(h.peerNs, frrPeer());
                 AgentProcess a = new AgentProcess(h.agentNs, config("lgv0", """
                         - type: bfd
                           interval: 100ms
                         """), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                await("BFD Up; agent said:\n" + a.output(), Duration.ofSeconds(20), () -> a.scrape().get(BFD_UP) == 1.0);
                await("FRR Up", Duration.ofSeconds(10), () -> frr.status(InterfaceHosts.AGENT_V4).equals("up"));
                long pid = a.pid();
                int oldIndex = h.ifindex("lgv0");

                // Deleting one end of a veth pair deletes both: the peer's lgv0p (FRR's side) goes too.
                h.inAgent("ip", "link", "del", "lgv0");
                await("link Down for interface_absent; agent said:\n" + a.output(), Duration.ofSeconds(5),
                        () -> h.status(PORT).contains("\"reason\":\"interface_absent\""));
                assertThat(a.scrape().get(BFD_UP)).isNotEqualTo(1.0);

                // Re-created the way scripts do it: link add, addresses, up (each side). Timed from when the
                // last of these returned; FRR in Down sends at 1 s (RFC 5880 6.8.3), so about 1 s is expected.
                h.veth("lgv0", InterfaceHosts.AGENT_V4, "lgv0p", InterfaceHosts.PEER_V4);
                long recreated = System.nanoTime();
                int newIndex = h.ifindex("lgv0");
                assertThat(newIndex).as("a new interface, not the old one").isNotEqualTo(oldIndex);
                try {
                    await("BFD Up again", Duration.ofSeconds(10), () -> a.scrape().get(BFD_UP) == 1.0);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("BFD not Up 10 s after the re-creation; FRR: "
                            + frr.vtysh("show bfd peers") + "\nagent said:\n" + a.output(), e);
                }
                long reUp = (System.nanoTime() - recreated) / 1_000_000;
                System.out.printf("interface re-created (index %d -> %d) -> BFD Up %d ms%n", oldIndex, newIndex, reUp);
                assertThat(reUp).as("BFD Up again after the re-creation, ms").isLessThan(2000);
                assertThat(a.isAlive()).isTrue();
                assertThat(a.pid()).as("no restart").isEqualTo(pid);
                assertThat(ifaceSeries(a, "linkguard_interface_changes_total", "lgv0", "deleted"))
                        .isGreaterThanOrEqualTo(1.0);
                await("FRR Up again", Duration.ofSeconds(10), () -> frr.status(InterfaceHosts.AGENT_V4).equals("up"));
            }
        }
    }

    @Test
    void echoOnATunIsAConfigErrorWithFileLineAndWhy() throws Exception {
        try (InterfaceHosts h = new InterfaceHosts()) {
            h.inAgent("ip", "tuntap", "add", "dev", "lgtun0", "mode", "tun");
            String yaml = """
                    links:
                      - name: t
                        peer: 198.18.0.2
                        source: 198.18.0.1
                        interface: lgtun0
                        probes:
                          - type: bfd
                            echo: true
                    """;
            int line = yaml.lines().toList().indexOf("        echo: true") + 1;
            Path file = h.dir.resolve("echo-tun.yml");
            Files.writeString(file, yaml);
            Cmd.Result r = Cmd.run(TwoHosts.in(h.agentNs, AgentProcess.java(), "--enable-native-access=ALL-UNNAMED",
                    "-jar", AgentProcess.jar(), "check-config", file.toString()), 60);
            assertThat(r.exit()).as(r.out()).isNotZero();
            assertThat(r.out()).contains(file + ":" + line + ": links[0].probes[0].echo: the Echo function needs an"
                    + " Ethernet next hop").contains("; lgtun0 is point-to-point (");
        }
    }

    private static long awaitMillis(String what, Duration limit, java.util.concurrent.Callable<Boolean> c) {
        long start = System.nanoTime();
        await(what, limit, c);
        return (System.nanoTime() - start) / 1_000_000;
    }
}
