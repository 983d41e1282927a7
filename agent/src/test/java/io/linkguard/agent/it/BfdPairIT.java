package io.linkguard.agent.it;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static io.linkguard.agent.it.BfdInteropIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two linkguard agents, one per namespace: authentication (FRR 8.4 bfdd has
 * none to test against) and IPv6 against FRR.
 */
@Tag("netns")
class BfdPairIT {
    private static final int PORT = 18784;

    private static String config(String peer, String source, String bfd) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                links:
                  - name: tunnel
                    peer: %s
                    source: %s
                    probes:
                %s""".formatted(PORT, peer, source, bfd.indent(6));
    }

    private static Path keyFile(String secret) throws Exception {
        Path f = Files.createTempFile("bfd", ".key",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, secret + "\n");
        return f;
    }

    private static String sha1(Path key) {
        return """
                - type: bfd
                  interval: 50ms
                  auth:
                    type: meticulous-keyed-sha1
                    key_file: %s
                    key_id: 7
                """.formatted(key);
    }

    private static String up(String peer) {
        return "linkguard_bfd_session_state{link=\"tunnel\",peer=\"" + peer + "\",state=\"up\"}";
    }

    @Test
    void meticulousSha1SessionComesUpAndAWrongKeyIsRejected() throws Exception {
        Path good = keyFile("correct horse");
        Path bad = keyFile("wrong horse");
        try (TwoHosts hosts = new TwoHosts()) {
            try (AgentProcess a = new AgentProcess(hosts.agentNs,
                    config(TwoHosts.PEER_V4, TwoHosts.AGENT_V4, sha1(good)), PORT);
                 AgentProcess b = new AgentProcess(hosts.peerNs,
                         config(TwoHosts.AGENT_V4, TwoHosts.PEER_V4, sha1(good)), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                b.awaitStarted(Duration.ofSeconds(30));
                await("authenticated session Up", Duration.ofSeconds(20),
                        () -> a.scrape().get(up(TwoHosts.PEER_V4)) == 1.0 && b.scrape().get(up(TwoHosts.AGENT_V4)) == 1.0);
                assertThat(a.scrape().text).doesNotContain("correct horse");
                assertThat(a.output()).doesNotContain("correct horse");
            }
            try (AgentProcess a = new AgentProcess(hosts.agentNs,
                    config(TwoHosts.PEER_V4, TwoHosts.AGENT_V4, sha1(good)), PORT);
                 AgentProcess b = new AgentProcess(hosts.peerNs,
                         config(TwoHosts.AGENT_V4, TwoHosts.PEER_V4, sha1(bad)), PORT)) {
                a.awaitStarted(Duration.ofSeconds(30));
                b.awaitStarted(Duration.ofSeconds(30));
                await("wrong-key packets counted", Duration.ofSeconds(20),
                        () -> a.scrape().get("linkguard_bfd_rx_dropped_total{reason=\"auth_failed\"}") >= 2);
                assertThat(a.scrape().get(up(TwoHosts.PEER_V4))).isZero();
            }
        } finally {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
        }
    }

    @Test
    void ipv6SingleHopWithFrr() throws Exception {
        try (TwoHosts hosts = new TwoHosts();
             Frr frr = new Frr(hosts.peerNs, """
                     bfd
                      peer %s local-address %s
                       receive-interval 100
                       transmit-interval 100
                      !
                     !
                     """.formatted(TwoHosts.AGENT_V6, TwoHosts.PEER_V6));
             AgentProcess agent = new AgentProcess(hosts.agentNs, config(TwoHosts.PEER_V6, TwoHosts.AGENT_V6, """
                     - type: bfd
                       interval: 100ms
                     """), PORT)) {
            agent.awaitStarted(Duration.ofSeconds(30));
            await("IPv6 session Up; agent said:\n" + agent.output(), Duration.ofSeconds(20),
                    () -> agent.scrape().get(up(TwoHosts.PEER_V6)) == 1.0
                            && frr.status(TwoHosts.AGENT_V6).equals("up"));
        }
    }
}
