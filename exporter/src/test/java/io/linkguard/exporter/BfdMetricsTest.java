package io.linkguard.exporter;

import io.linkguard.bfd.BfdDropReason;
import io.linkguard.bfd.engine.BfdEngine;
import io.linkguard.bfd.engine.BfdSessionConfig;
import io.linkguard.bfd.engine.BfdSessionView;
import io.linkguard.bfd.packet.BfdState;
import io.linkguard.bfd.packet.ControlPacket;
import io.linkguard.bfd.packet.Diagnostic;
import io.linkguard.bfd.session.BfdSession;
import io.linkguard.bfd.session.SessionListener;
import io.linkguard.bfd.session.SessionParameters;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class BfdMetricsTest {

    /** The engine's counters that had no series: each with a HELP that tells the operator what to do. */
    @Test
    void engineCountersAreExportedWithAdvice() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        try (BfdEngine engine = new BfdEngine(new SplittableRandom(1))) {
            new BfdMetrics(registry, engine);
            String t = RegistryText.text(registry);
            assertThat(t).contains("linkguard_bfd_sends_refused_total 0.0\n",
                    "linkguard_bfd_echo_neighbors_refused_total 0.0\n",
                    "linkguard_bfd_retirements_cut_short_total 0.0\n",
                    "linkguard_bfd_rx_dropped_total{reason=\"" + BfdDropReason.TTL.label() + "\"} 0.0\n");
            assertThat(t).containsPattern("# HELP linkguard_bfd_sends_refused_total .*check that the peer runs BFD")
                    .containsPattern("# HELP linkguard_bfd_echo_neighbors_refused_total .*check 'ip neigh show'")
                    .containsPattern("# HELP linkguard_bfd_retirements_cut_short_total .*bug to report");
        }
    }

    /** Dashboards and promtool tests depend on these names and labels. */
    @Test
    void sessionFamiliesKeepTheirNamesAndLabels() throws IOException {
        BfdSessionConfig config = new BfdSessionConfig("la-sg", InetAddress.ofLiteral("192.0.2.2"),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), false, 255, Duration.ofMillis(300),
                Duration.ofMillis(300), 3, false, Optional.empty(), Optional.of(Duration.ofMillis(50)));
        BfdSession session = new BfdSession(new SessionParameters(300_000, 300_000, 3, 0, false), 7,
                new SplittableRandom(1), new SessionListener() {
                    @Override
                    public void transmit(ControlPacket packet) {
                    }

                    @Override
                    public void stateChanged(BfdState from, BfdState to, Diagnostic localDiag, long nowNanos) {
                    }
                }, 0);
        session.runTimers(0); // the first packet is due at once
        BfdSessionView view = new BfdSessionView(config, 7, session.snapshot(), 2, 5, 4, -1);
        PrometheusRegistry registry = new PrometheusRegistry();
        new BfdMetrics(registry, () -> List.of(view), r -> 0);
        String l = "link=\"la-sg\",peer=\"192.0.2.2\"";
        assertThat(RegistryText.text(registry)).contains(
                "linkguard_bfd_session_state{" + l + ",state=\"down\"} 1.0\n",
                "linkguard_bfd_session_state{" + l + ",state=\"up\"} 0.0\n",
                "linkguard_bfd_transmit_interval_seconds{" + l + "} 1.0\n",
                "linkguard_bfd_detection_time_seconds{" + l + "} 0.0\n",
                "linkguard_bfd_control_packets_received_total{" + l + "} 0.0\n",
                "linkguard_bfd_control_packets_sent_total{" + l + "} 1.0\n",
                "linkguard_bfd_send_failures_total{" + l + "} 2.0\n",
                "linkguard_bfd_echo_packets_sent_total{" + l + "} 5.0\n",
                "linkguard_bfd_echo_packets_received_total{" + l + "} 4.0\n");
    }
}
