package io.linkguard.agent.it;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.linkguard.agent.it.BfdInteropIT.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts from the packaged agent as a process: a real link event (a TCP probe
 * to a closed port takes the link Down), delivered to stand-ins for Slack and
 * Telegram on loopback; the spool survives SIGKILL; secrets stay out of the
 * log, /metrics and /status; {@code linkguard alert test} reports each channel.
 * Runs on the host's loopback: no namespace and no privilege needed.
 */
class AlertDeliveryIT {
    private static final String TOKEN = "123456789:AAH-secret-telegram-token-Zx9";
    private static final String SLACK_SECRET_PATH = "/services/T000/B000/slack-secret-path-Q7";

    private static String config(String link, int listen, int chatPort, Path state, int closedPort) {
        return """
                agent:
                  listen: 127.0.0.1:%d
                  state_directory: %s
                links:
                  - name: %s
                    peer: 127.0.0.1
                    probes:
                      - type: tcp
                        port: %d
                        interval: 200ms
                        timeout: 100ms
                alerts:
                  group_window: 500ms
                  channels:
                    - name: ops-slack
                      type: slack
                      url_env: LG_TEST_SLACK_URL
                    - name: oncall-tg
                      type: telegram
                      base_url: http://127.0.0.1:%d
                      token_env: LG_TEST_TG_TOKEN
                      chat_id: "-1001234567890"
                """.formatted(listen, state, link, closedPort, chatPort);
    }

    private static Map<String, String> env(int chatPort) {
        return Map.of("LG_TEST_SLACK_URL", "http://127.0.0.1:" + chatPort + SLACK_SECRET_PATH,
                "LG_TEST_TG_TOKEN", TOKEN);
    }

    @Test
    void pendingAlertsSurviveSigkillAndSecretsNeverShow() throws Exception {
        Path dir = Files.createTempDirectory("linkguard-alerts");
        Path state = Files.createDirectories(dir.resolve("state"));
        int chatPort = FakeChatServer.freePort();
        SilentPort silent = new SilentPort(); // the link's TCP probe times out: the link goes Down
        int closedPort = silent.port();
        int listen = FakeChatServer.freePort();
        // 1. The endpoint is down: the link-down alert is spooled, then the agent is killed hard.
        try (AgentProcess first = new AgentProcess(null, dir, config("first-run", listen, chatPort, state, closedPort),
                listen, env(chatPort))) {
            first.awaitStarted(Duration.ofSeconds(30));
            await("a failed delivery attempt; agent said:\n" + first.output(), Duration.ofSeconds(30),
                    () -> first.scrape().get("linkguard_alerts_failed_total{channel=\"ops-slack\"}") >= 1
                            && first.scrape().get("linkguard_alert_queue_depth{channel=\"ops-slack\"}") >= 1);
            first.signal("KILL");
            assertThat(waitExit(first)).isFalse();
        }
        // 2. The endpoint comes back and the agent restarts on the same state directory.
        try (FakeChatServer chat = new FakeChatServer(chatPort);
             AgentProcess second = new AgentProcess(null, dir, config("second-run", listen, chatPort, state,
                     closedPort), listen, env(chatPort))) {
            second.awaitStarted(Duration.ofSeconds(30));
            await("the alert spooled before SIGKILL delivered to Slack and Telegram; agent said:\n" + second.output(),
                    Duration.ofSeconds(60), () -> chat.requests().stream().anyMatch(r ->
                            r.path().equals(SLACK_SECRET_PATH) && r.body().contains("first-run"))
                            && chat.requests().stream().anyMatch(r ->
                            r.path().equals("/bot" + TOKEN + "/sendMessage") && r.body().contains("first-run")));
            for (FakeChatServer.Request r : chat.requests()) {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.contentType()).startsWith("application/json");
                if (r.path().contains("/sendMessage")) {
                    assertThat(r.body()).contains("\"parse_mode\":\"HTML\"").contains("\"chat_id\":\"-1001234567890\"");
                } else {
                    assertThat(r.body()).contains("\"text\":").contains("\"blocks\":");
                }
            }
            await("queue drained", Duration.ofSeconds(30),
                    () -> second.scrape().get("linkguard_alert_queue_depth{channel=\"ops-slack\"}") == 0.0);
            String metrics = second.scrapeRaw();
            String status = Cmd.ok("curl", "-sf", "--max-time", "5", "http://127.0.0.1:" + listen + "/status");
            assertThat(status).contains("ops-slack").contains("oncall-tg");
            for (String secret : new String[] {TOKEN, "secret-telegram-token", SLACK_SECRET_PATH, "slack-secret-path"}) {
                assertThat(second.output()).as("log").doesNotContain(secret);
                assertThat(metrics).as("/metrics").doesNotContain(secret);
                assertThat(status).as("/status").doesNotContain(secret);
            }
        } finally {
            silent.close();
        }
    }

    @Test
    void alertTestCommandReportsEveryChannel() throws Exception {
        Path dir = Files.createTempDirectory("linkguard-alert-test");
        Path state = Files.createDirectories(dir.resolve("state"));
        try (FakeChatServer chat = new FakeChatServer(0)) {
            Path cfg = dir.resolve("linkguard.yml");
            Files.writeString(cfg, config("la-sg", FakeChatServer.freePort(), chat.port(), state,
                    FakeChatServer.freePort()));
            Cmd.Result ok = alertTest(cfg, chat.port());
            assertThat(ok.exit()).as(ok.out()).isZero();
            assertThat(ok.out()).contains("ops-slack").contains("oncall-tg").contains("200");
            assertThat(chat.requests()).hasSize(2);
            assertThat(ok.out()).doesNotContain(TOKEN).doesNotContain(SLACK_SECRET_PATH);

            chat.answer(500);
            Cmd.Result failed = alertTest(cfg, chat.port());
            assertThat(failed.exit()).as(failed.out()).isEqualTo(1);
            assertThat(failed.out()).contains("500");
        }
    }

    private static Cmd.Result alertTest(Path cfg, int chatPort) throws Exception {
        java.util.List<String> argv = new java.util.ArrayList<>();
        argv.add("env");
        env(chatPort).forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(java.util.List.of(AgentProcess.java(), "--enable-native-access=ALL-UNNAMED", "-jar",
                AgentProcess.jar(), "alert", "test", "--config", cfg.toString()));
        return Cmd.run(argv, 60);
    }

    /** Waits up to 10 s for the agent to exit; true if it is still alive then. */
    private static boolean waitExit(AgentProcess p) {
        try {
            Awaitility.await("agent exited").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50)).until(() -> !p.isAlive());
        } catch (ConditionTimeoutException stillAlive) {
            // the caller asserts on it
        }
        return p.isAlive();
    }
}
