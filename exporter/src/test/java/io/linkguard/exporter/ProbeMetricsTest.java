package io.linkguard.exporter;

import io.linkguard.probes.FailureReason;
import io.linkguard.probes.Outcome;
import io.linkguard.probes.Probe;
import io.linkguard.probes.ProbeKind;
import io.linkguard.probes.ProbeResult;
import io.linkguard.probes.ProbeStats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeMetricsTest {

    /** A probe that does nothing but report the stats it is fed. */
    private record FakeProbe(ProbeKind kind, String link, String target, ProbeStats statsHolder) implements Probe {
        @Override
        public void start() {
        }

        @Override
        public ProbeStats.Snapshot stats() {
            return statsHolder.snapshot();
        }

        @Override
        public void close() {
        }
    }

    private static String scrape(InetSocketAddress at, String accept) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/metrics"))
                .header("Accept", accept).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String run(String accept) throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        new AgentMetrics(registry, "1.2.3", "test-node").onLag(42_000, 0);
        ProbeMetrics metrics = new ProbeMetrics(registry, r -> 0);
        ProbeStats icmpStats = new ProbeStats(10);
        ProbeStats tcpStats = new ProbeStats(10);
        var icmp = new FakeProbe(ProbeKind.ICMP, "la-sg", "10.0.0.2", icmpStats);
        var tcp = new FakeProbe(ProbeKind.TCP, "la-sg", "10.0.0.2:443", tcpStats);
        metrics.register(icmp);
        metrics.register(tcp);
        ProbeResult ok = new ProbeResult("la-sg", ProbeKind.ICMP, "10.0.0.2", 1, Outcome.SUCCESS, FailureReason.NONE,
                170_000_000, 0);
        ProbeResult lost = new ProbeResult("la-sg", ProbeKind.ICMP, "10.0.0.2", 2, Outcome.TIMEOUT,
                FailureReason.TIMEOUT, -1, 0);
        ProbeResult refused = new ProbeResult("la-sg", ProbeKind.TCP, "10.0.0.2:443", 1, Outcome.FAILED,
                FailureReason.REFUSED, -1, 0);
        for (ProbeResult r : new ProbeResult[]{ok, lost, ok, ok}) {
            icmpStats.onSent();
            icmpStats.record(r);
            metrics.onResult(r);
        }
        tcpStats.record(refused);
        metrics.onResult(refused);
        try (MetricsServer server = new MetricsServer(new InetSocketAddress("127.0.0.1", 0), registry)) {
            return scrape(server.address(), accept);
        }
    }

    @Test
    void textFormatCarriesEverySeries() throws Exception {
        String text = run("text/plain");
        assertThat(text)
                .contains("linkguard_build_info{java_version=\"" + System.getProperty("java.version")
                        + "\",node=\"test-node\",version=\"1.2.3\"} 1")
                .contains("linkguard_icmp_requests_total{link=\"la-sg\",target=\"10.0.0.2\"} 4.0")
                .contains("linkguard_icmp_replies_total{link=\"la-sg\",target=\"10.0.0.2\"} 3.0")
                .contains("linkguard_icmp_timeouts_total{link=\"la-sg\",target=\"10.0.0.2\"} 1.0")
                .contains("linkguard_icmp_rtt_seconds_bucket{link=\"la-sg\",target=\"10.0.0.2\",le=\"0.2\"} 3")
                .contains("linkguard_icmp_rtt_seconds_bucket{link=\"la-sg\",target=\"10.0.0.2\",le=\"0.15\"} 0")
                .contains("linkguard_probe_loss_ratio{link=\"la-sg\",probe=\"icmp\",target=\"10.0.0.2\"} 0.25")
                .contains("linkguard_tcp_connect_failures_total{link=\"la-sg\",reason=\"refused\",target=\"10.0.0.2:443\"} 1.0")
                // created up front: a reason that never happened is there, at zero
                .contains("linkguard_tcp_connect_failures_total{link=\"la-sg\",reason=\"reset\",target=\"10.0.0.2:443\"} 0.0")
                .contains("linkguard_icmp_errors_total{link=\"la-sg\",reason=\"packet_too_big\",target=\"10.0.0.2\"} 0.0")
                .contains("linkguard_probe_schedule_lag_seconds_count 2")
                .contains("linkguard_probe_jitter_seconds{link=\"la-sg\",probe=\"icmp\",target=\"10.0.0.2\"}");
        promtoolAccepts(text);
    }

    @Test
    void openMetricsFormatOnRequest() throws Exception {
        String om = run("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(om).contains("# TYPE linkguard_icmp_requests counter").endsWith("# EOF\n");
    }

    /** promtool is installed by .ci/run; locally it is used when present. */
    static void promtoolAccepts(String text) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            assertThat(System.getenv("CI")).as("promtool must be installed in CI").isNotEqualTo("true");
            return;
        }
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        try (var os = p.getOutputStream()) {
            os.write(text.getBytes());
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.exitValue()).as("promtool check metrics: %s", out).isZero();
        assertThat(out).as("promtool lint findings").isBlank();
    }
}
