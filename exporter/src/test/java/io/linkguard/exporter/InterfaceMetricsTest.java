package io.linkguard.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.probes.netlink.LinkMessage;
import io.linkguard.probes.netlink.OperState;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The interface gauges say what the kernel says now, not what an earlier scrape's dump said. */
class InterfaceMetricsTest {
    private static LinkMessage tun9(int flags, OperState oper) {
        return new LinkMessage(false, 7, LinkMessage.ARPHRD_NONE, flags, "tun9", oper, 1400, new byte[0],
                Optional.empty());
    }

    /**
     * One dump serves the families of one scrape; a change of the interface the agent has counted is news the
     * cached dump lacks, so the next scrape reads afresh (seen in InterfaceLifecycleIT: a scrape right after
     * the link went Down for interface_down still said interface_up 1).
     */
    @Test
    void aCountedChangeIsSeenByTheNextScrape() {
        PrometheusRegistry registry = new PrometheusRegistry();
        AtomicReference<List<LinkMessage>> kernel =
                new AtomicReference<>(List.of(tun9(LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING, OperState.UNKNOWN)));
        InterfaceMetrics m = new InterfaceMetrics(registry, () -> java.util.Optional.of(kernel.get()), () -> 0, () -> 0);
        m.register("la-sg", "tun9");
        String up = "linkguard_interface_up{interface=\"tun9\",link=\"la-sg\"}";
        assertThat(RegistryText.value(registry, up)).isEqualTo(1.0);

        kernel.set(List.of(tun9(0, OperState.DOWN)));
        m.changed("la-sg", "down");

        assertThat(RegistryText.value(registry, up)).isZero();
        assertThat(RegistryText.value(registry,
                "linkguard_interface_changes_total{change=\"down\",interface=\"tun9\",link=\"la-sg\"}")).isEqualTo(1.0);
    }

    /** A dump that fails says nothing: no series for that scrape, not a false "down" for every link. */
    @Test
    void aFailedDumpShowsNoInterfaceSeriesRatherThanDown() {
        PrometheusRegistry registry = new PrometheusRegistry();
        AtomicReference<java.util.Optional<List<LinkMessage>>> kernel = new AtomicReference<>(java.util.Optional.empty());
        InterfaceMetrics m = new InterfaceMetrics(registry, kernel::get, () -> 0, () -> 0);
        m.register("la-sg", "tun9");

        assertThat(RegistryText.text(registry)).doesNotContain("linkguard_interface_up{")
                .contains("linkguard_interface_changes_total{change=\"down\",interface=\"tun9\",link=\"la-sg\"} 0");

        kernel.set(java.util.Optional.of(List.of(tun9(LinkMessage.IFF_UP | LinkMessage.IFF_RUNNING, OperState.UNKNOWN))));
        assertThat(RegistryText.value(registry, "linkguard_interface_up{interface=\"tun9\",link=\"la-sg\"}"))
                .as("the next scrape asks again").isEqualTo(1.0);
    }
}
