package io.linkguard.agent.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.linkguard.agent.it.BfdInteropIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The running agent's path-MTU monitor feeding link health: A — R — B with
 * R's egress toward B at 1400, the tunnel expected to carry 1400. When R's
 * MTU drops to 1300 at run time the agent sees it within one search interval
 * and the link goes Degraded with a reason naming both figures; when it goes
 * back to 1400, the link recovers.
 */
@Tag("netns")
class PmtuHealthIT {
    private static final int PORT = 18784;
    private static final String MTU = "linkguard_path_mtu_bytes{link=\"tunnel\",peer=\"" + RouterTopology.B_V4 + "\"}";

    @Test
    void aSmallerPathMtuAtRunTimeDegradesTheLink() throws Exception {
        String config = """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: tunnel
                    peer: %s
                    probes:
                      - type: icmp
                        interval: 200ms
                      - type: pmtu
                        interval: 10s
                        check_interval: 2s
                        timeout: 300ms
                        expected: 1400
                """.formatted(PORT, RouterTopology.B_V4);
        try (RouterTopology net = new RouterTopology(1400);
             AgentProcess agent = new AgentProcess(net.a, config, PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            await("path MTU 1400 and link Up; agent said:\n" + agent.output(), Duration.ofSeconds(30),
                    () -> agent.scrape().get(MTU) == 1400.0 && state(agent, "up"));
            Metrics m = agent.scrape();
            assertThat(m.get("linkguard_path_mtu_expected_bytes{link=\"tunnel\"}")).isEqualTo(1400.0);
            assertThat(m.get("linkguard_path_mtu_black_hole{link=\"tunnel\"}")).isZero();
            assertThat(m.get("linkguard_path_mtu_search_probes{link=\"tunnel\"}")).isBetween(1.0, 50.0);

            long changed = System.nanoTime();
            net.setBottleneck(1300);
            // Within one search interval (10 s) plus one search, generously bounded.
            await("path MTU 1300 and link Degraded; agent said:\n" + agent.output(), Duration.ofSeconds(25),
                    () -> agent.scrape().get(MTU) == 1300.0 && state(agent, "degraded"));
            assertThat(Duration.ofNanos(System.nanoTime() - changed)).isLessThan(Duration.ofSeconds(25));
            assertThat(agent.output()).contains("path MTU below the expected value (1300 bytes, expected 1400)");

            net.setBottleneck(1400);
            await("back to 1400 and Up; agent said:\n" + agent.output(), Duration.ofSeconds(25),
                    () -> agent.scrape().get(MTU) == 1400.0 && state(agent, "up"));
            // Every raw ICMP socket sees every echo reply: the RTT sockets must know the PMTU probes'
            // identifiers as the agent's own, not count them as another pinger's.
            assertThat(agent.scrape().get("linkguard_icmp_rx_dropped_total{reason=\"foreign_identifier\"}")).isZero();
        }
    }

    private static boolean state(AgentProcess agent, String s) throws Exception {
        return agent.scrape().get("linkguard_link_state{link=\"tunnel\",state=\"" + s + "\"}") == 1.0;
    }
}
