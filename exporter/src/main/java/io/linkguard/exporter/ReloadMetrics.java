package io.linkguard.exporter;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.time.InstantSource;

/**
 * The outcome of the last config load, named as Prometheus and Alertmanager
 * name theirs ({@code prometheus_config_last_reload_successful}), so the same
 * alert rule shape fits: a failed reload leaves the old config running.
 */
public final class ReloadMetrics {
    private final Gauge successful;
    private final Gauge successTimestamp;
    private final InstantSource wall;

    public ReloadMetrics(PrometheusRegistry registry) {
        this(registry, InstantSource.system());
    }

    public ReloadMetrics(PrometheusRegistry registry, InstantSource wall) {
        this.wall = wall;
        successful = Gauge.builder().name("linkguard_config_last_reload_successful")
                .help("1 if the last config load (start-up or SIGHUP reload) was applied in full, else 0")
                .register(registry);
        successTimestamp = Gauge.builder().name("linkguard_config_last_reload_success_timestamp_seconds")
                .help("When the config was last loaded in full").unit(Unit.SECONDS).register(registry);
    }

    public void loaded(boolean ok) {
        successful.set(ok ? 1 : 0);
        if (ok) {
            successTimestamp.set(wall.millis() / 1000.0);
        }
    }
}
