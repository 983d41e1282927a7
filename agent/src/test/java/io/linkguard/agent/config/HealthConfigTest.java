package io.linkguard.agent.config;

import io.linkguard.config.ConfigException;
import io.linkguard.config.Ratios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code health} and {@code paths} keys beyond the fixtures: spellings, partial sections, defaults. */
class HealthConfigTest {

    private static final String LINK = """
            links:
              - name: la-sg
                peer: 10.255.0.2
                probes:
                  - type: icmp
            """;

    private static LinkConfig parse(String extra) throws ConfigException {
        return ConfigLoader.parse(LINK + extra, "t.yml").links().getFirst();
    }

    @Test
    void percentagesAndFractionsAreTheSame() throws Exception {
        LinkHealthConfig percent = parse("    health: {loss: {degraded_enter: 5%, down_enter: 50%}}\n").health();
        LinkHealthConfig fraction = parse("    health: {loss: {degraded_enter: 0.05, down_enter: 0.5}}\n").health();

        assertThat(percent).isEqualTo(fraction).isEqualTo(LinkHealthConfig.DEFAULTS);
    }

    @Test
    void ratios() {
        assertThat(Ratios.parse("0.5%")).isEqualTo(0.005);
        assertThat(Ratios.parse("100%")).isEqualTo(1.0);
        assertThat(Ratios.parse("0%")).isEqualTo(0.0);
        assertThat(Ratios.parse("1")).isEqualTo(1.0);
        assertThat(Ratios.parse(".25")).isEqualTo(0.25);
        assertThat(Ratios.format(0.005)).isEqualTo("0.5%");
        assertThat(Ratios.format(0.2)).isEqualTo("20%");
        assertThatThrownBy(() -> Ratios.parse("-1%")).hasMessage("must be between 0% and 100% (got -1%)");
        assertThatThrownBy(() -> Ratios.parse("1.5")).hasMessage("a bare number is a fraction of 1: write 1.5% or"
                + " 0.015 (got 1.5)");
    }

    @Test
    void aPartialSectionKeepsTheOtherDefaults() throws Exception {
        LinkHealthConfig health = parse("    health:\n      failover_on: down\n      rtt: {degraded_enter: 250ms,"
                + " degraded_leave: 200ms}\n").health();

        assertThat(health.failoverOn()).isEqualTo(LinkHealthConfig.FailoverOn.DOWN);
        assertThat(health.rtt()).contains(new LinkHealthConfig.DelayThresholds(Duration.ofMillis(250),
                Duration.ofMillis(200)));
        assertThat(health.jitter()).isEmpty();
        assertThat(health.loss()).isEqualTo(LinkHealthConfig.LossThresholds.DEFAULT);
        assertThat(health.dampening()).isEqualTo(LinkHealthConfig.Dampening.DEFAULT);
        assertThat(health.failbackDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void zeroPenaltyTurnsDampeningOffWithoutTheCeilingCheck() throws Exception {
        assertThat(parse("    health: {dampening: {penalty: 0, max_suppress: 1s}}\n").health().dampening().penalty())
                .isZero();
    }

    @Test
    void routeTablesByNameOrNumberAndDevOnly() throws Exception {
        LinkConfig link = parse("""
                    paths:
                      - name: tunnel
                        actions: [{type: route, prefixes: [10.20.0.0/16], dev: gre-sg, table: 100}]
                      - name: proxy
                        actions: [{type: route, prefixes: [0.0.0.0/0], via: 192.0.2.1, table: wan}]
                """);

        assertThat(link.paths()).extracting(PathConfig::name).containsExactly("tunnel", "proxy");
        RouteActionConfig tunnel = (RouteActionConfig) link.paths().get(0).actions().getFirst();
        RouteActionConfig proxy = (RouteActionConfig) link.paths().get(1).actions().getFirst();
        assertThat(tunnel.table()).contains("100");
        assertThat(tunnel.via()).isEmpty();
        assertThat(proxy.table()).contains("wan");
        assertThat(proxy.prefixes()).hasToString("[0.0.0.0/0]");
    }

    @Test
    void ipv6Prefixes() {
        assertThat(IpPrefix.parse("2001:db8:20::/48")).hasToString("2001:db8:20::/48");
        assertThat(IpPrefix.parse("::/0").length()).isZero();
        assertThatThrownBy(() -> IpPrefix.parse("2001:db8:20::1/48"))
                .hasMessage("host bits are set: write 2001:db8:20::/48 (got 2001:db8:20::1/48)");
    }

    @Test
    void problemsInHealthAndPathsAreAllReported() {
        assertThatThrownBy(() -> parse("""
                    health:
                      window: 0s
                      failover_on: never
                    paths:
                      - name: tunnel
                        actions: [{type: exec, argv: [notify]}]
                """)).hasMessage("""
                t.yml:7: links[0].health.window: must be at least 1s (got 0s)
                t.yml:8: links[0].health.failover_on: must be degraded or down (got "never")
                t.yml:9: links[0].paths: at least 2 paths are required: the primary (the tunnel) first, then the \
                backup
                t.yml:11: links[0].paths[0].actions[0].argv[0]: must be an absolute path (got "notify"): programs \
                run without a shell or PATH lookup""");
    }
}
