package io.linkguard.agent.it;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The name resolution MetricsCatalogIT relies on, on hand-written expositions. */
class MetricFamiliesTest {
    private static final String TEXT_004 = """
            # HELP linkguard_icmp_rtt_seconds ICMP echo round-trip time
            # TYPE linkguard_icmp_rtt_seconds histogram
            linkguard_icmp_rtt_seconds_bucket{link="t",target="198.18.0.2",le="0.001"} 3
            linkguard_icmp_rtt_seconds_bucket{link="t",target="198.18.0.2",le="+Inf"} 4
            linkguard_icmp_rtt_seconds_count{link="t",target="198.18.0.2"} 4
            linkguard_icmp_rtt_seconds_sum{link="t",target="198.18.0.2"} 0.002
            # HELP linkguard_icmp_requests_total ICMP echo requests sent
            # TYPE linkguard_icmp_requests_total counter
            linkguard_icmp_requests_total{link="t",target="198.18.0.2"} 4.0
            # TYPE linkguard_link_state gauge
            linkguard_link_state{link="t",state="up"} 1.0
            # TYPE linkguard_build_info gauge
            linkguard_build_info{java_version="25",node="n",version="0.1.0"} 1
            """;

    private static final String OPENMETRICS = """
            # TYPE linkguard_icmp_requests counter
            linkguard_icmp_requests_total{link="t",target="198.18.0.2"} 4.0
            linkguard_icmp_requests_created{link="t",target="198.18.0.2"} 1.7E9
            # TYPE linkguard_build info
            linkguard_build_info{java_version="25",node="n",version="0.1.0"} 1
            # EOF
            """;

    @Test
    void histogramSeriesResolveToTheirFamily() {
        MetricFamilies f = MetricFamilies.parse(TEXT_004);
        assertThat(f.problem("linkguard_icmp_rtt_seconds_bucket")).isEmpty();
        assertThat(f.problem("linkguard_icmp_rtt_seconds_sum")).isEmpty();
        assertThat(f.problem("linkguard_icmp_rtt_seconds_count")).isEmpty();
    }

    @Test
    void aBareHistogramNameIsNotASeries() {
        assertThat(MetricFamilies.parse(TEXT_004).problem("linkguard_icmp_rtt_seconds"))
                .hasValueSatisfying(p -> assertThat(p).contains("histogram").contains("_bucket"));
    }

    @Test
    void countersAreQueriedWithTotal() {
        MetricFamilies f = MetricFamilies.parse(TEXT_004);
        assertThat(f.problem("linkguard_icmp_requests_total")).isEmpty();
        assertThat(f.problem("linkguard_icmp_requests"))
                .hasValueSatisfying(p -> assertThat(p).contains("counter").contains("_total"));
    }

    @Test
    void openMetricsCounterFamiliesAreNamedWithoutTotal() {
        MetricFamilies f = MetricFamilies.parse(OPENMETRICS);
        assertThat(f.problem("linkguard_icmp_requests_total")).isEmpty();
        assertThat(f.problem("linkguard_build_info")).isEmpty();
    }

    @Test
    void aGaugeHasNoTotalNorBucket() {
        MetricFamilies f = MetricFamilies.parse(TEXT_004);
        assertThat(f.problem("linkguard_link_state")).isEmpty();
        assertThat(f.problem("linkguard_link_state_total")).isPresent();
        assertThat(f.problem("linkguard_link_state_bucket"))
                .hasValueSatisfying(p -> assertThat(p).contains("gauge"));
    }

    @Test
    void unknownNamesAreReported() {
        assertThat(MetricFamilies.parse(TEXT_004).problem("linkguard_path_mtu_bytes")).contains("not in /metrics");
    }
}
