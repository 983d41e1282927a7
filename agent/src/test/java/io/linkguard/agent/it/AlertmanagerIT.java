package io.linkguard.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.linkguard.alerts.AlertCounters;
import io.linkguard.alerts.AlertDispatcher;
import io.linkguard.alerts.AlertEvent;
import io.linkguard.alerts.AlertKind;
import io.linkguard.alerts.Severity;
import io.linkguard.agent.cli.Main;
import io.linkguard.alerts.config.AlertsConfig;
import io.linkguard.alerts.config.ChannelConfig;
import io.linkguard.alerts.config.ChannelFilter;
import io.linkguard.config.SecretRef;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Alertmanager channel against a real Alertmanager (the distribution's prometheus-alertmanager),
 * started by the test on loopback with its own storage directory and a free port: a LinkDown event
 * shows up firing with the link, state and node labels; the link coming back resolves it.
 */
class AlertmanagerIT {
    private static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");
    private static final Duration LIMIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;
    private Process alertmanager;
    private Path log;
    private int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void startAlertmanager() throws Exception {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed");
        Path config = Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: nowhere
                  group_wait: 1s
                receivers:
                  - name: nowhere
                """);
        Path storage = Files.createDirectories(dir.resolve("data"));
        log = dir.resolve("alertmanager.log");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        alertmanager = new ProcessBuilder(BINARY.toString(), "--config.file=" + config,
                "--storage.path=" + storage, "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Awaitility.await("alertmanager ready").atMost(LIMIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!alertmanager.isAlive()) {
                            throw new AssertionError("alertmanager exited with " + alertmanager.exitValue() + ":\n"
                                    + output());
                        }
                        try {
                            return get("/-/ready").statusCode() == 200;
                        } catch (IOException notYet) {
                            return false; // not listening yet
                        }
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("alertmanager not ready within " + LIMIT + ":\n" + output(), e);
        }
    }

    @AfterEach
    void stopAlertmanager() throws Exception {
        if (alertmanager != null && alertmanager.isAlive()) {
            alertmanager.destroy(); // SIGTERM to its PID
            if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
                alertmanager.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private String output() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code GET /api/v2/alerts} (active, silenced, inhibited and unprocessed alerts: not resolved ones). */
    private JsonArray alerts() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/api/v2/alerts");
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readArray();
    }

    private Optional<JsonObject> find(String alertname, String link) throws IOException, InterruptedException {
        return alerts().getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getJsonObject("labels").getString("alertname", "").equals(alertname)
                        && a.getJsonObject("labels").getString("link", "").equals(link))
                .findFirst();
    }

    /** Polls (bounded) until {@code condition} holds for the alert (or its absence). */
    private Optional<JsonObject> await(String alertname, String link, Predicate<Optional<JsonObject>> condition)
            throws Exception {
        AtomicReference<Optional<JsonObject>> seen = new AtomicReference<>();
        try {
            Awaitility.await(alertname + "/" + link).atMost(LIMIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(200)).until(() -> {
                        seen.set(find(alertname, link));
                        return condition.test(seen.get());
                    });
        } catch (ConditionTimeoutException timedOut) {
            // the assertion below says what was seen
        }
        Optional<JsonObject> a = seen.get();
        assertThat(condition.test(a)).as("%s/%s: %s; alertmanager log:%n%s", alertname, link, a, output()).isTrue();
        return a;
    }

    private static boolean resolved(Optional<JsonObject> a) {
        return a.isEmpty() || !a.get().getJsonObject("status").getString("state").equals("active")
                || Instant.parse(a.get().getString("endsAt")).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void linkDownFiresWithLinkStateAndNodeLabelsAndIsResolvedWhenTheLinkIsBack() throws Exception {
        AlertsConfig cfg = new AlertsConfig(Duration.ZERO, 20, AlertsConfig.Spool.DEFAULTS, List.of(
                new ChannelConfig.Alertmanager("am", new SecretRef(SecretRef.Kind.INLINE, "http://127.0.0.1:" + port,
                        "it.yml:1: url"), Duration.ofSeconds(5), new ChannelConfig.Delivery(
                        new ChannelConfig.RateLimit(10, Duration.ofSeconds(1)), 10, Duration.ofMillis(200),
                        Duration.ofSeconds(2)), Optional.empty(), ChannelFilter.ALL)));
        Instant t = Instant.now().minusSeconds(5);
        try (AlertDispatcher d = AlertDispatcher.start(cfg, "it-node", dir.resolve("state"), new AlertCounters())) {
            d.publish(new AlertEvent(AlertKind.LINK_STATE, Severity.CRITICAL, "la-sg", "down",
                    "BFD session Up -> Down: Control Detection Time Expired",
                    Map.of("rtt_ms", "182.4", "loss_pct", "100.0"), t, t));

            JsonObject firing = await("LinkguardLinkDown", "la-sg",
                    a -> a.isPresent() && a.get().getJsonObject("status").getString("state").equals("active"))
                    .orElseThrow();
            assertThat(firing.getJsonObject("labels")).containsEntry("link", Json.createValue("la-sg"))
                    .containsEntry("state", Json.createValue("down")).containsEntry("node", Json.createValue("it-node"))
                    .containsEntry("severity", Json.createValue("critical"));
            assertThat(firing.getJsonObject("annotations").getString("summary")).isEqualTo("link la-sg is down");
            assertThat(firing.getJsonObject("annotations").getString("description"))
                    .contains("Control Detection Time Expired");
            assertThat(Duration.between(t, Instant.parse(firing.getString("startsAt"))).abs())
                    .isLessThan(Duration.ofMillis(1));

            Instant back = Instant.now();
            d.publish(new AlertEvent(AlertKind.RESOLVED, Severity.INFO, "la-sg", "up", "down -> up", Map.of(), back,
                    t));

            await("LinkguardLinkDown", "la-sg", AlertmanagerIT::resolved);
        }
    }

    @Test
    void theAlertTestCommandPostsATestAlert() throws Exception {
        Path cfg = Files.writeString(dir.resolve("linkguard.yml"), """
                agent:
                  node: it-node
                links:
                  - name: la-sg
                    peer: 10.255.0.2
                    probes:
                      - type: icmp
                alerts:
                  channels:
                    - name: am
                      type: alertmanager
                      url: http://127.0.0.1:%d
                """.formatted(port));

        assertThat(Main.execute("alert", "test", "am", "--config", cfg.toString())).isZero();

        JsonObject test = await("LinkguardTest", "test", Optional::isPresent).orElseThrow();
        assertThat(test.getJsonObject("labels").getString("node")).isEqualTo("it-node");
    }
}
