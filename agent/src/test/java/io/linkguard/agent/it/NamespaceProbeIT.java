package io.linkguard.agent.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The packaged agent in one namespace probing a peer namespace over veth,
 * with real sockets, scraped over HTTP as Prometheus would.
 */
@Tag("netns")
class NamespaceProbeIT {
    private static final int PORT = 18784;

    private static String config(String peer, String probes) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                  node: it-agent
                links:
                  - name: tunnel
                    peer: %s
                    probes:
                %s""".formatted(PORT, peer, probes.indent(6));
    }

    private static Metrics awaitMetric(AgentProcess agent, String series, double atLeast, Duration limit)
            throws Exception {
        AtomicReference<Metrics> last = new AtomicReference<>();
        try {
            Awaitility.await(series).atMost(limit).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        last.set(agent.scrape());
                        return last.get().get(series) >= atLeast;
                    });
        } catch (ConditionTimeoutException timedOut) {
            // the assertion below says what was seen
        }
        Metrics m = last.get();
        assertThat(m.get(series)).as("%s after %s; agent output:%n%s%nmetrics:%n%s", series, limit, agent.output(), m)
                .isGreaterThanOrEqualTo(atLeast);
        return m;
    }

    @Test
    void icmpRttIsOfTheSameOrderAsPing() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             AgentProcess agent = new AgentProcess(hosts.agentNs, config(TwoHosts.PEER_V4, """
                     - type: icmp
                       interval: 20ms
                       timeout: 1s
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            String replies = "linkguard_icmp_replies_total{link=\"tunnel\",target=\"198.18.0.2\"}";
            Metrics m = awaitMetric(agent, replies, 200, Duration.ofSeconds(30));
            double sum = m.get("linkguard_icmp_rtt_seconds_sum{link=\"tunnel\",target=\"198.18.0.2\"}");
            double count = m.get("linkguard_icmp_rtt_seconds_count{link=\"tunnel\",target=\"198.18.0.2\"}");
            double agentAvgMillis = sum / count * 1000;

            String ping = hosts.inAgent("ping", "-n", "-q", "-c", "50", "-i", "0.01", TwoHosts.PEER_V4);
            Matcher pm = Pattern.compile("= ([0-9.]+)/([0-9.]+)/").matcher(ping);
            assertThat(pm.find()).as(ping).isTrue();
            double pingAvgMillis = Double.parseDouble(pm.group(2));
            // Same order of magnitude: a veth RTT is tens of µs; a broken stamp would be off by 1000x.
            assertThat(agentAvgMillis).as("agent avg %.4f ms vs ping avg %.4f ms", agentAvgMillis, pingAvgMillis)
                    .isBetween(pingAvgMillis / 10, pingAvgMillis * 10 + 0.05);
            assertThat(m.get("linkguard_icmp_timeouts_total{link=\"tunnel\",target=\"198.18.0.2\"}")).isZero();
            assertThat(m.get("linkguard_probe_schedule_lag_seconds_count")).isGreaterThan(100);
            assertThat(agent.stop()).isIn(0, 143);
            assertThat(agent.output()).contains("stopping").doesNotContain("Exception");
        }
    }

    @Test
    void randomDropOfOneFifthIsReportedAsLossNearPointTwo() throws Exception {
        try (TwoHosts hosts = new TwoHosts()) {
            hosts.inPeer("iptables", "-A", "INPUT", "-p", "icmp", "--icmp-type", "echo-request",
                    "-m", "statistic", "--mode", "random", "--probability", "0.2", "-j", "DROP");
            try (AgentProcess agent = new AgentProcess(hosts.agentNs, config(TwoHosts.PEER_V4, """
                    - type: icmp
                      interval: 10ms
                      timeout: 300ms
                      window: 600
                    """), PORT)) {
                agent.awaitStarted(Duration.ofSeconds(30));
                String window = "linkguard_probe_window_probes{link=\"tunnel\",probe=\"icmp\",target=\"198.18.0.2\"}";
                Metrics m = awaitMetric(agent, window, 600, Duration.ofSeconds(60));
                double loss = m.get("linkguard_probe_loss_ratio{link=\"tunnel\",probe=\"icmp\",target=\"198.18.0.2\"}");
                assertThat(loss).as("loss ratio over 600 probes").isCloseTo(0.20, within(0.05));
                double timeouts = m.get("linkguard_icmp_timeouts_total{link=\"tunnel\",target=\"198.18.0.2\"}");
                assertThat(timeouts).isPositive();
            }
        }
    }

    @Test
    void ipv6EchoSucceeds() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             AgentProcess agent = new AgentProcess(hosts.agentNs, config(TwoHosts.PEER_V6, """
                     - type: icmp
                       interval: 50ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitMetric(agent, "linkguard_icmp_replies_total{link=\"tunnel\",target=\"" + TwoHosts.PEER_V6 + "\"}",
                    5, Duration.ofSeconds(30));
        }
    }

    @Test
    void tcpProbeSeesRefusedAndSilentlyDroppedPorts() throws Exception {
        try (TwoHosts hosts = new TwoHosts()) {
            // Port 2222: nothing listens, the peer answers RST. Port 2223: SYNs vanish (a firewall drop).
            hosts.inPeer("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "2223", "-j", "DROP");
            try (AgentProcess agent = new AgentProcess(hosts.agentNs, config(TwoHosts.PEER_V4, """
                    - type: tcp
                      port: 2222
                      interval: 200ms
                      timeout: 100ms
                    - type: tcp
                      port: 2223
                      interval: 200ms
                      timeout: 100ms
                    """), PORT)) {
                agent.awaitStarted(Duration.ofSeconds(30));
                awaitMetric(agent, "linkguard_tcp_connect_failures_total{link=\"tunnel\",reason=\"refused\",target=\"198.18.0.2:2222\"}",
                        3, Duration.ofSeconds(30));
                Metrics m = awaitMetric(agent, "linkguard_tcp_connect_failures_total{link=\"tunnel\",reason=\"timeout\",target=\"198.18.0.2:2223\"}",
                        3, Duration.ofSeconds(30));
                assertThat(m.get("linkguard_tcp_connect_failures_total{link=\"tunnel\",reason=\"refused\",target=\"198.18.0.2:2223\"}"))
                        .isZero();
                assertThat(m.get("linkguard_tcp_connect_successes_total{link=\"tunnel\",target=\"198.18.0.2:2222\"}"))
                        .isZero();
            }
        }
    }

    @Test
    void metricsPassPromtool() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             AgentProcess agent = new AgentProcess(hosts.agentNs, config(TwoHosts.PEER_V4, """
                     - type: icmp
                       interval: 50ms
                     - type: tcp
                       port: 2222
                       interval: 1s
                       timeout: 500ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            awaitMetric(agent, "linkguard_icmp_replies_total{link=\"tunnel\",target=\"198.18.0.2\"}", 3,
                    Duration.ofSeconds(30));
            String text = agent.scrapeRaw();
            Cmd.Result r = promtool(text);
            assertThat(r.exit()).as("promtool check metrics:%n%s", r.out()).isZero();
            assertThat(r.out()).as("promtool findings").isBlank();
        }
    }

    static Cmd.Result promtool(String text) throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("metrics", ".txt");
        java.nio.file.Files.writeString(f, text);
        return Cmd.run(java.util.List.of("sh", "-c", "promtool check metrics < " + f), 30);
    }
}
