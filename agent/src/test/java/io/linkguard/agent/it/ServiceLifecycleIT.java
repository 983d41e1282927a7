package io.linkguard.agent.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.linkguard.agent.it.BfdInteropIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent as systemd runs it: READY=1 and WATCHDOG=1 on a notification
 * socket (a python stand-in for systemd's), and SIGHUP reloads that change
 * only what changed: a BFD session whose config did not change stays Up at
 * both ends through every reload, and an invalid file changes nothing.
 */
@Tag("netns")
class ServiceLifecycleIT {
    private static final int PORT = 18784;
    private static final String BFD_UP = "linkguard_bfd_session_transitions_total{diagnostic=\"none\",link=\"tunnel\",peer=\"%s\",to=\"up\"}";

    private static String config(String extraProbe, String extraLink) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: tunnel
                    peer: %s
                    source: %s
                    probes:
                      - type: icmp
                        interval: 100ms
                      - type: bfd
                        interval: 50ms
                %s%s""".formatted(PORT, TwoHosts.PEER_V4, TwoHosts.AGENT_V4, extraProbe.indent(6), extraLink.indent(2));
    }

    private static final String PEER_CONFIG = """
            agent:
              listen: 127.0.0.1:%d
            links:
              - name: tunnel
                peer: %s
                source: %s
                probes:
                  - type: bfd
                    interval: 50ms
            """.formatted(PORT, TwoHosts.AGENT_V4, TwoHosts.PEER_V4);

    private static final String TCP_PROBE = """
            - type: tcp
              port: 9
              interval: 200ms
              timeout: 100ms
            """;
    private static final String SECOND_LINK = """
            - name: second
              peer: %s
              probes:
                - type: icmp
                  interval: 200ms
            """.formatted(TwoHosts.PEER_V4);

    @Test
    void notifiesSystemdAndReloadsOnlyWhatChanged() throws Exception {
        Path dir = Files.createTempDirectory("linkguard-svc");
        Path socket = dir.resolve("notify.sock");
        Path notes = dir.resolve("notify.log");
        String listener = Path.of(System.getenv().getOrDefault("LINKGUARD_PROJECT_ROOT", "."),
                "agent/src/test/resources/systemd/notify-listener.py").toString();
        Process sd = new ProcessBuilder("python3", listener, socket.toString(), notes.toString(), "170")
                .redirectErrorStream(true).redirectOutput(dir.resolve("listener.out").toFile()).start();
        try (TwoHosts hosts = new TwoHosts()) {
            await("notify listener up", Duration.ofSeconds(10), () -> Files.exists(socket));
            Map<String, String> env = Map.of("NOTIFY_SOCKET", socket.toString(), "WATCHDOG_USEC", "2000000");
            try (AgentProcess peer = new AgentProcess(hosts.peerNs, PEER_CONFIG, PORT);
                 AgentProcess agent = new AgentProcess(hosts.agentNs, dir, config("", ""), PORT, env)) {
                // READY=1 comes once the probes run: /metrics answers by then.
                await("READY=1; agent said:\n" + agent.output(), Duration.ofSeconds(30),
                        () -> Files.readString(notes).contains("READY=1"));
                assertThat(agent.scrape().get("linkguard_config_last_reload_successful")).isEqualTo(1.0);
                peer.awaitStarted(Duration.ofSeconds(30));
                String up = BFD_UP.formatted(TwoHosts.PEER_V4);
                String peerUp = BFD_UP.formatted(TwoHosts.AGENT_V4);
                await("BFD Up at both ends", Duration.ofSeconds(20),
                        () -> agent.scrape().get(up) == 1.0 && peer.scrape().get(peerUp) == 1.0);
                double icmpBefore = agent.scrape().get(icmp("tunnel"));

                // 1. Add a probe to the link and a second link: the BFD session and the ICMP probe are untouched.
                Files.writeString(agent.configFile(), config(TCP_PROBE, SECOND_LINK));
                agent.signal("HUP");
                await("tcp probe and second link started; agent said:\n" + agent.output(), Duration.ofSeconds(20),
                        () -> agent.scrape().get(tcp()) > 0 && agent.scrape().get(icmp("second")) > 0);
                Metrics m = agent.scrape();
                assertThat(m.get("linkguard_config_last_reload_successful")).isEqualTo(1.0);
                assertThat(m.get(icmp("tunnel"))).as("ICMP probe kept its counters").isGreaterThan(icmpBefore);
                assertThat(agent.output()).contains("reload of " + agent.configFile())
                        .contains("link second added").contains("1 started");

                // 2. An invalid file: errors with file and line, the running config stays.
                String bad = config(TCP_PROBE, SECOND_LINK).replace("timeout: 100ms", "timeout: banana");
                int badLine = lineOf(bad, "banana");
                Files.writeString(agent.configFile(), bad);
                agent.signal("HUP");
                await("reload rejected", Duration.ofSeconds(20),
                        () -> agent.scrape().get("linkguard_config_last_reload_successful") == 0.0);
                assertThat(agent.output()).contains(agent.configFile() + ":" + badLine + ":")
                        .contains("the running config stays in force");
                double tcpThen = agent.scrape().get(tcp());
                await("tcp probe still running", Duration.ofSeconds(10), () -> agent.scrape().get(tcp()) > tcpThen);

                // 3. Back to the first config: the extra probe and link stop and their series go.
                Files.writeString(agent.configFile(), config("", ""));
                agent.signal("HUP");
                await("reload applied", Duration.ofSeconds(20),
                        () -> agent.scrape().get("linkguard_config_last_reload_successful") == 1.0
                                && Double.isNaN(agent.scrape().get(tcp())));
                assertThat(agent.scrape().get(icmp("second"))).isNaN();

                // Through all three reloads, the session never left Up at either end.
                assertThat(agent.scrape().get(up)).isEqualTo(1.0);
                assertThat(peer.scrape().get(peerUp)).isEqualTo(1.0);
                assertThat(peer.scrape().text).doesNotContainPattern(
                        "linkguard_bfd_session_transitions_total\\{[^}]*to=\"down\"[^}]*} [1-9]");
                await("three watchdog pings", Duration.ofSeconds(15),
                        () -> Files.readString(notes).lines().filter(l -> l.endsWith(" WATCHDOG=1")).count() >= 3);
                assertThat(agent.stop()).isIn(0, 143);
            }
            String log = Files.readString(notes);
            List<String> lines = log.lines().toList();
            List<Long> pings = lines.stream().filter(l -> l.endsWith(" WATCHDOG=1"))
                    .map(l -> Long.parseLong(l.substring(0, l.indexOf(' ')))).toList();
            for (int i = 1; i < pings.size(); i++) {
                // WATCHDOG_USEC=2 s: a ping every second, and never a gap systemd would kill for
                assertThat(pings.get(i) - pings.get(i - 1)).as("gap between pings, ns:\n" + log)
                        .isBetween(500_000_000L, 1_900_000_000L);
            }
            assertThat(log).contains("RELOADING=1|MONOTONIC_USEC=").contains("STOPPING=1");
            assertThat(lines.stream().filter(l -> l.contains("READY=1")).count()).as("initial + one per reload")
                    .isEqualTo(4);
        } finally {
            sd.destroy();
            sd.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String icmp(String link) {
        return "linkguard_icmp_requests_total{link=\"" + link + "\",target=\"" + TwoHosts.PEER_V4 + "\"}";
    }

    private static String tcp() {
        return "linkguard_tcp_connects_total{link=\"tunnel\",target=\"" + TwoHosts.PEER_V4 + ":9\"}";
    }

    private static int lineOf(String text, String needle) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(needle);
    }
}
