package io.linkguard.agent.alert;

import io.linkguard.alerts.ChannelTester;
import io.linkguard.alerts.AlertCounters;
import io.linkguard.alerts.AlertDispatcher;
import io.linkguard.alerts.CapturedOutput;
import io.linkguard.alerts.Configs;
import io.linkguard.alerts.Events;
import io.linkguard.alerts.FakeEndpoint;
import io.linkguard.alerts.DispatcherWaits;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.FakeEndpoint.Reply;
import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.core.log.Log;
import io.linkguard.exporter.AlertMetrics;
import io.linkguard.exporter.MetricsServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No secret (webhook URLs, the bot token, the HMAC key) in the log, in /metrics or in status, even when
 * endpoints fail, refuse, and echo the request back in their error bodies.
 */
class SecretsTest {
    private static final String TOKEN = "7777777777:AAGsecretBotToken_zyxwvutsrqponmlkjih";
    private static final String SLACK_SECRET = "XyZsecretSlackPart0123";
    private static final String HOOK_SECRET_PATH = "hook-secret-path-5150";
    private static final String HOOK_QUERY = "qtoken-abcdef-98765";
    private static final String HMAC = "hmac-secret-value-31337";

    @TempDir
    Path state;
    @TempDir
    Path secrets;

    @Test
    void secretsAppearNowhereAnOperatorOrScraperLooks() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        AlertCounters counters = new AlertCounters();
        new AlertMetrics(registry, counters);
        Log.setThreshold(Log.Level.DEBUG);
        try (CapturedOutput out = new CapturedOutput();
             FakeEndpoint slack = new FakeEndpoint(r -> List.of(),
                     r -> new Reply(404, "no_service for " + r.path(), Map.of()));
             FakeEndpoint tg = new FakeEndpoint(r -> List.of(), r -> new Reply(401,
                     "{\"ok\":false,\"error_code\":401,\"description\":\"Unauthorized: " + r.path() + "\"}", Map.of()));
             FakeEndpoint hook = new FakeEndpoint(r -> List.of(), r -> new Reply(500, "echo " + r.path() + "?"
                     + HOOK_QUERY + " " + r.text(), Map.of()));
             FakeEndpoint dead = new FakeEndpoint(r -> List.of(), r -> Reply.ok("{}"));
             MetricsServer metrics = new MetricsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                     registry)) {
            dead.down();
            List<ChannelConfig> channels = List.of(
                    Configs.slack(secrets, "ops-slack", slack.url() + "/services/T9/B9/" + SLACK_SECRET, Configs.fast()),
                    Configs.telegram(secrets, "oncall-tg", tg.url(), TOKEN, Configs.fast()),
                    Configs.webhook(secrets, "noc-hook", hook.url() + "/" + HOOK_SECRET_PATH + "?t=" + HOOK_QUERY, HMAC,
                            Configs.fast()),
                    Configs.webhook(secrets, "dead-hook", dead.url() + "/" + HOOK_SECRET_PATH + "/dead", HMAC,
                            Configs.fast()));
            AlertsConfig cfg = Configs.alerts(Duration.ZERO, 20, AlertsConfig.Spool.DEFAULTS,
                    channels.toArray(ChannelConfig[]::new));
            String status;
            try (AlertDispatcher d = AlertDispatcher.start(cfg, "la-edge-1", state, counters)) {
                d.publish(Events.down("la-sg", "x"));
                d.publish(Events.numbered(1));
                // No group window: the two events may go as one message or as two.
                assertThat(slack.await(1, Duration.ofSeconds(10))).isNotEmpty();
                assertThat(tg.await(1, Duration.ofSeconds(10))).isNotEmpty();
                assertThat(hook.await(3, Duration.ofSeconds(10))).hasSizeGreaterThanOrEqualTo(3);
                assertThat(DispatcherWaits.await(d, s -> s.get(3).failed() >= 2, Duration.ofSeconds(10))).isTrue();
                status = d.status().toString();
            }
            List<ChannelTester.Result> tested = ChannelTester.run(channels, "la-edge-1");
            String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + metrics.address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();

            // The endpoints did echo the secrets back, so the log had every chance to leak them.
            assertThat(slack.received().getFirst().path()).contains(SLACK_SECRET);
            assertThat(out.text()).contains("ops-slack").contains("oncall-tg").contains("noc-hook")
                    .contains("dead-hook").contains("HTTP 404").contains("HTTP 401").contains("HTTP 500")
                    .contains("Connection refused");
            assertThat(scraped).contains("linkguard_alerts_failed_total{channel=\"noc-hook\"}");
            assertThat(status).contains("ops-slack");
            assertThat(tested).hasSize(4).noneMatch(ChannelTester.Result::ok);
            for (String where : List.of(out.text(), scraped, status, tested.toString())) {
                for (String secret : List.of(TOKEN, "AAGsecretBotToken", SLACK_SECRET, HOOK_SECRET_PATH, HOOK_QUERY,
                        HMAC, slack.url() + "/services", hook.url() + "/" + HOOK_SECRET_PATH)) {
                    assertThat(where).doesNotContain(secret);
                }
            }
        } finally {
            Log.setThreshold(Log.Level.INFO);
        }
    }
}
