package io.linkguard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The failover families keep their names, help and labels; a link's series come and go with it. */
class FailoverMetricsTest {


    @Test
    void aRegisteredLinkHasEverySeriesUpFrontAndLosesThemWhenUnregistered() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        FailoverMetrics m = new FailoverMetrics(registry, List.of("unknown", "up", "degraded", "down"), "unknown",
                List.of("ok", "failed", "timeout"));
        Map<String, List<String>> paths = new LinkedHashMap<>();
        paths.put("tunnel", List.of("route"));
        paths.put("proxy", List.of("exec"));

        m.register("la-sg", paths);
        m.transition("la-sg", "unknown", "down", "bfd_down");
        m.factsDropped("la-sg", 3);
        String text = RegistryText.text(registry);

        assertThat(text).contains("# HELP linkguard_link_state Link health: 1 for the current state")
                .contains("linkguard_link_state{link=\"la-sg\",state=\"down\"} 1.0")
                .contains("linkguard_link_state{link=\"la-sg\",state=\"unknown\"} 0.0")
                .contains("linkguard_link_transitions_total{link=\"la-sg\",reason=\"bfd_down\",to=\"down\"} 1.0")
                .contains("linkguard_action_runs_total{action=\"exec\",link=\"la-sg\",path=\"proxy\",result=\"timeout\"} 0.0")
                .contains("linkguard_link_active_path{link=\"la-sg\",path=\"tunnel\"} 0.0")
                .contains("linkguard_link_facts_dropped_total{link=\"la-sg\"} 3.0")
                .contains("# HELP linkguard_action_duration_seconds How long failover actions took");

        m.unregister("la-sg");
        assertThat(RegistryText.text(registry)).doesNotContain("la-sg");
    }

    @Test
    void reloadMetricsKeepPrometheusNames() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        new ReloadMetrics(registry, () -> java.time.Instant.ofEpochSecond(1_800_000_000L)).loaded(true);

        assertThat(RegistryText.text(registry)).contains("linkguard_config_last_reload_successful 1.0")
                .contains("linkguard_config_last_reload_success_timestamp_seconds 1.8E9");
    }
}
