package io.linkguard.agent.it;

import jakarta.json.JsonObject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * linkguard against FRR bfdd 8.x, each in its own namespace over veth: the
 * interoperability a routing engineer checks before trusting it.
 */
@Tag("netns")
class BfdInteropIT {
    private static final int PORT = 18784;
    private static final String UP = "linkguard_bfd_session_state{link=\"tunnel\",peer=\"198.18.0.2\",state=\"up\"}";

    private static String agentConfig(String bfd) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: tunnel
                    peer: %s
                    source: %s
                    probes:
                %s""".formatted(PORT, TwoHosts.PEER_V4, TwoHosts.AGENT_V4, bfd.indent(6));
    }

    private static String frrPeer(int intervalMillis, boolean multihop) {
        return """
                bfd
                 peer %s%s local-address %s
                  receive-interval %d
                  transmit-interval %d
                  detect-multiplier 3
                 !
                !
                """.formatted(TwoHosts.AGENT_V4, multihop ? " multihop" : "", TwoHosts.PEER_V4, intervalMillis,
                intervalMillis);
    }

    private static String transitions(String to, String diagnostic) {
        return "linkguard_bfd_session_transitions_total{diagnostic=\"" + diagnostic
                + "\",link=\"tunnel\",peer=\"198.18.0.2\",to=\"" + to + "\"}";
    }

    /** Polls {@code condition} every 50 ms, from at once, until it holds; fails after {@code limit}. */
    static void await(String what, Duration limit, Callable<Boolean> condition) {
        Awaitility.await(what).atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(condition);
    }

    private static void awaitBothUp(AgentProcess agent, Frr frr) throws Exception {
        await("linkguard Up; agent said:\n" + agent.output(), Duration.ofSeconds(20),
                () -> agent.scrape().get(UP) == 1.0);
        await("FRR Up", Duration.ofSeconds(20), () -> frr.status(TwoHosts.AGENT_V4).equals("up"));
    }

    private static long frrCounter(Frr frr, String key) throws Exception {
        String json = frr.vtysh("show bfd peers counters json");
        Matcher m = Pattern.compile("\"" + key + "\":([0-9]+)").matcher(json);
        assertThat(m.find()).as(json).isTrue();
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest
    @ValueSource(ints = {50, 10})
    void upBothWays(int intervalMillis) throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, frrPeer(intervalMillis, false));
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: %dms
                     """.formatted(intervalMillis)), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitBothUp(agent, frr);
            // Deliberate observation window, not a wait for an event: the session must stay Up
            // for 40 to 200 detection times.
            Thread.sleep(2000);
            Metrics m = agent.scrape();
            assertThat(m.get(UP)).isEqualTo(1.0);
            assertThat(m.get("linkguard_bfd_transmit_interval_seconds{link=\"tunnel\",peer=\"198.18.0.2\"}"))
                    .isEqualTo(intervalMillis / 1000.0);
            assertThat(m.get(transitions("down", "control_detection_time_expired"))).isZero();
            assertThat(frr.status(TwoHosts.AGENT_V4)).isEqualTo("up");
            assertThat(frrCounter(frr, "session-down")).isZero();
        }
    }

    @Test
    void timerChangeOnFrrRunsPollFinalWithoutAFlap() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, frrPeer(50, false));
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: 50ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitBothUp(agent, frr);
            frr.vtysh("configure terminal", "bfd", "peer " + TwoHosts.AGENT_V4 + " local-address " + TwoHosts.PEER_V4,
                    "transmit-interval 200", "receive-interval 200");
            await("FRR's new intervals negotiated", Duration.ofSeconds(10), () -> {
                JsonObject p = frr.peer(TwoHosts.AGENT_V4).orElseThrow();
                return p.getInt("transmit-interval") == 200
                        && agent.scrape().get("linkguard_bfd_transmit_interval_seconds{link=\"tunnel\",peer=\"198.18.0.2\"}") == 0.2;
            });
            // Deliberate observation window: 2.5 of the new 600 ms detection times without a flap.
            Thread.sleep(1500);
            Metrics m = agent.scrape();
            assertThat(m.get(UP)).isEqualTo(1.0);
            assertThat(m.get(transitions("up", "none"))).as("one Up, no flap").isEqualTo(1.0);
            assertThat(m.get("linkguard_bfd_detection_time_seconds{link=\"tunnel\",peer=\"198.18.0.2\"}"))
                    .as("3 x FRR's new 200 ms transmit interval").isEqualTo(0.6);
            assertThat(frrCounter(frr, "session-down")).isZero();
        }
    }

    @Test
    void frrShutdownIsReportedAsAdminDownNotAFailure() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, frrPeer(50, false));
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: 50ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitBothUp(agent, frr);
            frr.vtysh("configure terminal", "bfd", "peer " + TwoHosts.AGENT_V4 + " local-address " + TwoHosts.PEER_V4,
                    "shutdown");
            await("linkguard Down", Duration.ofSeconds(10), () -> agent.scrape().get(UP) == 0.0);
            Metrics m = agent.scrape();
            assertThat(m.get(transitions("down", "administratively_down"))).isEqualTo(1.0);
            assertThat(m.get(transitions("down", "control_detection_time_expired"))).isZero();
            assertThat(agent.output()).contains("Up -> Down (administratively down)");
        }
    }

    @Test
    void linkCutIsDetectedWithinTheDetectionTime() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, frrPeer(50, false));
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: 50ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitBothUp(agent, frr);
            Instant cut = Instant.now();
            hosts.inPeer("iptables", "-A", "INPUT", "-p", "udp", "--dport", "3784", "-j", "DROP");
            hosts.inPeer("iptables", "-A", "OUTPUT", "-p", "udp", "--dport", "3784", "-j", "DROP");
            await("linkguard Down", Duration.ofSeconds(10), () -> agent.scrape().get(UP) == 0.0);
            assertThat(agent.scrape().get(transitions("down", "control_detection_time_expired"))).isEqualTo(1.0);
            Matcher lm = Pattern.compile("<4>(\\S+) link tunnel: BFD session to 198.18.0.2 Up -> Down "
                    + "\\(control detection time expired\\)").matcher(agent.output());
            assertThat(lm.find()).as(agent.output()).isTrue();
            long detectMillis = Duration.between(cut, Instant.parse(lm.group(1))).toMillis();
            // Detection time is 150 ms; the bound is generous for a shared machine, but it exists.
            assertThat(detectMillis).as("cut to Down").isBetween(100L, 1150L);
        }
    }

    @Test
    void multihopSessionWithFrr() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, frrPeer(100, true));
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: 100ms
                       multihop: true
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitBothUp(agent, frr);
            assertThat(frr.peer(TwoHosts.AGENT_V4).orElseThrow().getBoolean("multihop")).isTrue();
        }
    }

    @Test
    void aPeerSendingWithTtl64IsIgnoredAndCounted() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: 100ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            // A valid Down packet from the configured peer, but sent with TTL 64: not from the adjacent hop.
            String py = "import socket;s=socket.socket(socket.AF_INET,socket.SOCK_DGRAM);"
                    + "s.setsockopt(socket.IPPROTO_IP,socket.IP_TTL,64);s.bind(('" + TwoHosts.PEER_V4 + "',49999));"
                    + "p=bytes([0x20,0x40,3,24,0,0,0,7,0,0,0,0,0,0x0f,0x42,0x40,0,0x0f,0x42,0x40,0,0,0,0]);"
                    + "[s.sendto(p,('" + TwoHosts.AGENT_V4 + "',3784)) for _ in range(5)]";
            hosts.inPeer("python3", "-c", py);
            await("TTL drops counted", Duration.ofSeconds(10),
                    () -> agent.scrape().get("linkguard_bfd_rx_dropped_total{reason=\"ttl\"}") >= 5);
            Metrics m = agent.scrape();
            assertThat(m.get(UP)).isZero();
            assertThat(m.get("linkguard_bfd_session_state{link=\"tunnel\",peer=\"198.18.0.2\",state=\"init\"}"))
                    .as("the TTL-64 packet must not move the session").isZero();
        }
    }

    @Test
    void aFloodOfUnknownPacketsCausesNoFlapAndIsCounted() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, frrPeer(50, false));
             AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                     - type: bfd
                       interval: 50ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitBothUp(agent, frr);
            hosts.inPeer("ip", "addr", "add", "198.18.0.3/30", "dev", "tun0");
            Cmd.Result flood = Cmd.run(TwoHosts.in(hosts.peerNs, AgentProcess.java(), "-cp",
                    System.getProperty("java.class.path"), BfdFlood.class.getName(), TwoHosts.AGENT_V4,
                    TwoHosts.PEER_V4, "198.18.0.3", "50000", "10"), 120);
            assertThat(flood.exit()).as(flood.out()).isZero();
            Metrics m = agent.scrape();
            assertThat(m.get(UP)).isEqualTo(1.0);
            assertThat(m.get(transitions("down", "control_detection_time_expired"))).as("no flap").isZero();
            assertThat(m.get(transitions("up", "none"))).isEqualTo(1.0);
            double unknown = m.get("linkguard_bfd_rx_dropped_total{reason=\"unknown_discriminator\"}");
            double noSession = m.get("linkguard_bfd_rx_dropped_total{reason=\"no_session_for_source\"}");
            assertThat(unknown + noSession).as("flood: %s", flood.out()).isGreaterThan(100_000);
            assertThat(frrCounter(frr, "session-down")).isZero();
        }
    }


    @Test
    void echoThroughFrrsForwardingPlaneAndEchoFailureTakesTheSessionDown() throws Exception {
        try (TwoHosts hosts = new TwoHosts()) {
            // RFC 5881 §4: the peer forwards our echo back; Linux accepts our own source only with accept_local.
            hosts.inPeer("sysctl", "-qw", "net.ipv4.ip_forward=1");
            hosts.inAgent("sysctl", "-qw", "net.ipv4.conf.all.accept_local=1");
            try (Frr frr = new Frr(hosts.peerNs, frrPeer(50, false).replace("  detect-multiplier 3\n",
                    "  detect-multiplier 3\n  echo-mode\n  echo receive-interval 50\n"));
                 AgentProcess agent = new AgentProcess(hosts.agentNs, agentConfig("""
                         - type: bfd
                           interval: 50ms
                           echo: true
                           echo_interval: 50ms
                         """), PORT)) {
                agent.awaitStarted(Duration.ofSeconds(30));
                awaitBothUp(agent, frr);
                await("echoes returned", Duration.ofSeconds(10), () -> agent.scrape()
                        .get("linkguard_bfd_echo_rtt_seconds_count{link=\"tunnel\",peer=\"198.18.0.2\"}") >= 20);
                // Drop only forwarded echoes at the peer: control packets still flow, the echo fails.
                hosts.inPeer("iptables", "-A", "FORWARD", "-p", "udp", "--dport", "3785", "-j", "DROP");
                await("Down with echo function failed; agent said:\n" + agent.output(), Duration.ofSeconds(10),
                        () -> agent.scrape().get(transitions("down", "echo_function_failed")) >= 1.0);
            }
        }
    }
}
