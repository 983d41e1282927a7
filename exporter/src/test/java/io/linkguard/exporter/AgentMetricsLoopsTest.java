package io.linkguard.exporter;

import io.linkguard.core.supervise.Loops;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class AgentMetricsLoopsTest {


    @Test
    void internalErrorsAreCountedPerThreadKindWithTheKnownKindsUpFront() throws IOException {
        AtomicLong now = new AtomicLong(0);
        Loops loops = new Loops(now::get, m -> { });
        PrometheusRegistry registry = new PrometheusRegistry();
        new AgentMetrics(registry, "1.2.3", "n", loops);
        String before = RegistryText.text(registry);
        for (String kind : Loops.KNOWN) {
            assertThat(before).contains("linkguard_internal_errors_total{thread=\"" + kind + "\"} 0.0");
        }
        loops.failed("icmp-rx-0", new IllegalStateException("listener bug"));
        loops.failed("icmp-rx-1", new IllegalStateException("listener bug"));
        assertThat(RegistryText.text(registry)).contains("linkguard_internal_errors_total{thread=\"icmp_rx\"} 2.0");
    }

    @Test
    void heartbeatAgeIsExported() throws IOException {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Loops loops = new Loops(now::get, m -> { });
        PrometheusRegistry registry = new PrometheusRegistry();
        new AgentMetrics(registry, "1.2.3", "n", loops);
        loops.enter(Duration.ofSeconds(5));
        now.addAndGet(1_500_000_000L);
        assertThat(RegistryText.text(registry)).contains("linkguard_loop_heartbeat_age_seconds{thread=\""
                + Thread.currentThread().getName() + "\"} 1.5");
    }

    @Test
    void twoLiveLoopsWithOneNameAreOneSeriesWithTheOlderBeatNotAFailedScrape() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Loops loops = new Loops(now::get, m -> { });
        PrometheusRegistry registry = new PrometheusRegistry();
        new AgentMetrics(registry, "1.2.3", "n", loops);
        // A restarted supervisor's new failover thread while the old one, same name, finishes.
        Thread old = Thread.ofPlatform().name("failover-la-sg").start(() -> loops.enter(Duration.ofSeconds(5)));
        old.join();
        now.addAndGet(2_000_000_000L);
        Thread fresh = Thread.ofPlatform().name("failover-la-sg").start(() -> loops.enter(Duration.ofSeconds(5)));
        fresh.join();
        now.addAndGet(500_000_000L);
        String text = RegistryText.text(registry); // two series with the same labels would throw here
        assertThat(text).contains("linkguard_loop_heartbeat_age_seconds{thread=\"failover-la-sg\"} 2.5");
    }
}
