package io.linkguard.agent.alert;

import io.linkguard.exporter.RegistryText;
import io.linkguard.alerts.CapturedOutput;
import io.linkguard.alerts.ChannelStatus;
import io.linkguard.alerts.Configs;
import io.linkguard.alerts.Events;
import io.linkguard.alerts.FakeEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.agent.runtime.Agent;
import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.agent.config.Config;
import io.linkguard.agent.config.ConfigLoader;
import io.linkguard.core.supervise.Loops;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGHUP into a config whose new channel cannot be built: the running channel keeps delivering. */
class AgentReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path secret(String name, String value) throws Exception {
        Path f = Files.writeString(dir.resolve(name), value + "\n");
        Files.setPosixFilePermissions(f, Configs.OWNER_ONLY);
        return f;
    }

    private Config config(int port, FakeEndpoint hook, boolean withSecondChannel) throws Exception {
        return config(port, hook, withSecondChannel, "agent-reload-secret");
    }

    private Config config(int port, FakeEndpoint hook, boolean withSecondChannel, String hookSecret) throws Exception {
        String yaml = """
                agent:
                  listen: 127.0.0.1:%d
                  state_directory: %s
                links:
                  - name: la-sg
                    peer: 127.0.0.1
                    probes:
                      - type: tcp
                        port: 9
                        interval: 5s
                alerts:
                  channels:
                    - name: noc-hook
                      type: webhook
                      url_file: %s
                      secret_file: %s
                """.formatted(port, dir.resolve("state"), secret("hook-url", hook.url() + "/noc"),
                secret("hook-secret-" + hookSecret, hookSecret));
        if (withSecondChannel) {
            yaml += """
                        - name: new-hook
                          type: webhook
                          url_file: %s
                          secret_file: %s
                    """.formatted(secret("new-url", hook.url() + "/new"), secret("new-secret", "k2"));
        }
        return ConfigLoader.parse(yaml, "agent.yml");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void aReloadWhoseNewChannelCannotBeBuiltKeepsTheOldOneAndIsReportedFailed() throws Exception {
        int port = freePort();
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             Agent agent = new Agent(config(port, hook, false))) {
            agent.start();
            Config next = config(port, hook, true);
            Files.delete(dir.resolve("new-secret")); // there at load, gone when the reload builds the channel

            boolean ok;
            try (CapturedOutput out = new CapturedOutput()) {
                ok = agent.reload(next);
                assertThat(out.text()).contains("reload: alert channels not changed, the running ones stay:"
                        + " agent.yml:20: alerts.channels[1].secret_file: " + dir.resolve("new-secret")
                        + ": file not found");
            }

            assertThat(ok).isFalse();
            assertThat(RegistryText.value(agent.registry(), "linkguard_config_last_reload_successful")).isZero();
            assertThat(agent.alertChannels()).extracting(ChannelStatus::name).containsExactly("noc-hook");
            assertThat(agent.config().alerts().orElseThrow().channels()).hasSize(1);
            agent.alerts().publish(Events.numbered(5));
            assertThat(hook.await(1, WAIT)).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/noc"));

            // The same file, fixed: the next reload applies it (the running config kept the old channels).
            secret("new-secret", "k2");
            assertThat(agent.reload(next)).isTrue();
            assertThat(RegistryText.value(agent.registry(), "linkguard_config_last_reload_successful")).isEqualTo(1);
            assertThat(agent.alertChannels()).extracting(ChannelStatus::name).containsExactly("noc-hook", "new-hook");
        }
    }

    @Test
    void afterAFailedReloadTheRunningChannelsSecretsStayMaskedInWhatLoopsPrints() throws Exception {
        int port = freePort();
        try (FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             Agent agent = new Agent(config(port, hook, false))) {
            agent.start();
            try (CapturedOutput out = new CapturedOutput()) {
                Loops.process().failed("alerts-noc-hook", new IllegalStateException("at start agent-reload-secret") {
                });
                assertThat(out.text()).contains("[redacted]").doesNotContain("agent-reload-secret");
            }
            // The next file rotates the running channel's secret and adds one that cannot be built: the alert
            // change is not applied, so the channel keeps running with (and may print) the old secret.
            Config next = config(port, hook, true, "rotated-secret");
            Files.delete(dir.resolve("new-secret"));
            assertThat(agent.reload(next)).isFalse();
            assertThat(agent.alertChannels()).extracting(ChannelStatus::name).containsExactly("noc-hook");

            String printed;
            try (CapturedOutput out = new CapturedOutput()) {
                Loops.process().failed("alerts-noc-hook", new IllegalStateException("signing with agent-reload-secret") {
                    // a class of its own: Loops prints each class once per thread kind
                });
                printed = out.text();
            }

            assertThat(printed).contains("internal error").contains("[redacted]")
                    .doesNotContain("agent-reload-secret").doesNotContain("agent-re");
        }
    }
}
