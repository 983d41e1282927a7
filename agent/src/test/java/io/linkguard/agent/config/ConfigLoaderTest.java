package io.linkguard.agent.config;

import io.linkguard.config.ConfigError;
import io.linkguard.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String MINIMAL = """
            links:
              - name: la-sg
                peer: 10.255.0.2
                probes:
                  - type: icmp
                  - type: tcp
                    port: 443
            """;

    @Test
    void embeddedDefaultMonitorsLoopbackWithIcmpAndTcpToOwnPort() {
        Config config = ConfigLoader.embeddedDefault();

        assertThat(config.source()).isEqualTo("<embedded default>");
        assertThat(config.agent().listen()).hasToString("127.0.0.1:18784");
        assertThat(config.links()).containsExactly(new LinkConfig("loopback", ip("127.0.0.1"),
                Optional.empty(), Optional.empty(), OptionalLong.empty(), List.of(
                        new IcmpProbeConfig(Duration.ofSeconds(1), Duration.ofSeconds(2), 56, false, 0, 100),
                        new TcpProbeConfig(18784, Duration.ofSeconds(5), Duration.ofSeconds(2))),
                LinkHealthConfig.DEFAULTS, List.of()));
        TcpProbeConfig tcp = (TcpProbeConfig) config.links().getFirst().probes().get(1);
        assertThat(tcp.port()).isEqualTo(config.agent().listen().port());
    }

    @Test
    void fullExampleWithEveryKeyRoundTripsToRecords() throws Exception {
        Config config = ConfigLoader.load(fixture("valid-full.yml"));

        assertThat(config).isEqualTo(new Config(
                new AgentConfig(new ListenAddress(ip("0.0.0.0"), 9184), "la-edge-1"),
                List.of(
                        new LinkConfig("la-sg", ip("10.255.0.2"), Optional.of(ip("10.255.0.1")),
                                Optional.of("gre-sg"), OptionalLong.of(100), List.of(
                                        new IcmpProbeConfig(Duration.ofMillis(250), Duration.ofSeconds(3),
                                                1400, true, 0xb8, 400),
                                        new TcpProbeConfig(443, Duration.ofSeconds(10), Duration.ofMillis(1500)),
                                        new TcpProbeConfig(22, Duration.ofMinutes(1), Duration.ofMillis(500))),
                                new LinkHealthConfig(Duration.ofSeconds(20), 8,
                                        new LinkHealthConfig.LossThresholds(0.04, 0.005, 0.4, 0.15),
                                        Optional.of(new LinkHealthConfig.DelayThresholds(Duration.ofMillis(250),
                                                Duration.ofMillis(200))),
                                        Optional.of(new LinkHealthConfig.DelayThresholds(Duration.ofMillis(30),
                                                Duration.ofMillis(20))),
                                        2, Duration.ofSeconds(3), Duration.ofMinutes(1),
                                        LinkHealthConfig.FailoverOn.DOWN,
                                        new LinkHealthConfig.Dampening(500, Duration.ofMinutes(2), 3000, 800,
                                                Duration.ofMinutes(30)), LinkHealthConfig.InterfaceDown.IGNORE),
                                List.of(
                                        new PathConfig("tunnel", List.of(
                                                new RouteActionConfig(List.of(prefix("10.20.0.0", 16),
                                                        prefix("10.21.0.0", 24)), Optional.of(ip("10.255.0.2")),
                                                        Optional.of("gre-sg"), Optional.of("main")),
                                                new ExecActionConfig(List.of("/usr/local/bin/notify", "--to",
                                                        "tunnel", ""), Duration.ofSeconds(5)))),
                                        new PathConfig("proxy", List.of(
                                                new RouteActionConfig(List.of(prefix("10.20.0.0", 16),
                                                        prefix("10.21.0.0", 24)), Optional.of(ip("192.0.2.1")),
                                                        Optional.empty(), Optional.empty()))),
                                        new PathConfig("lte.backup", List.of(
                                                new ExecActionConfig(List.of("/usr/local/sbin/lte-up"),
                                                        ExecActionConfig.DEFAULT_TIMEOUT))))),
                        new LinkConfig("la-tyo.v6", ip("2001:db8:1::2"), Optional.of(ip("2001:db8:1::1")),
                                Optional.of("wg-tyo"), OptionalLong.of(0xFFFF_FFFFL), List.of(
                                        new IcmpProbeConfig(Duration.ofHours(1), Duration.ofSeconds(60),
                                                65527, false, 255, 10)),
                                LinkHealthConfig.DEFAULTS,
                                List.of(
                                        new PathConfig("wg", List.of(new RouteActionConfig(
                                                List.of(prefix("2001:db8:20::", 48)), Optional.empty(),
                                                Optional.of("wg-tyo"), Optional.empty()))),
                                        new PathConfig("proxy", List.of(new RouteActionConfig(
                                                List.of(prefix("2001:db8:20::", 48)),
                                                Optional.of(ip("2001:db8:ffff::1")), Optional.empty(),
                                                Optional.of("200"))))))),
                fixture("valid-full.yml").toString()));
        assertThat(config.link("la-tyo.v6")).map(LinkConfig::iface).contains(Optional.of("wg-tyo"));
    }

    @Test
    void defaultsAreApplied() throws Exception {
        Config config = ConfigLoader.parse(MINIMAL, "minimal.yml");

        assertThat(config.source()).isEqualTo("minimal.yml");
        assertThat(config.agent()).isEqualTo(new AgentConfig(AgentConfig.DEFAULT_LISTEN, NameRules.defaultNodeName()));
        assertThat(config.agent().listen()).hasToString("127.0.0.1:18784");
        assertThat(config.agent().node()).isNotBlank();
        LinkConfig link = config.links().getFirst();
        assertThat(link.source()).isEmpty();
        assertThat(link.iface()).isEmpty();
        assertThat(link.fwmark()).isEmpty();
        assertThat(link.health()).isEqualTo(LinkHealthConfig.DEFAULTS);
        assertThat(link.paths()).isEmpty();
        assertThat(link.probes()).containsExactly(
                new IcmpProbeConfig(Duration.ofSeconds(1), Duration.ofSeconds(2), 56, false, 0, 100),
                new TcpProbeConfig(443, Duration.ofSeconds(5), Duration.ofSeconds(2)));
    }

    @Test
    void emptyAgentSectionMeansDefaults() throws Exception {
        Config config = ConfigLoader.parse("agent:\n" + MINIMAL, "t.yml");

        assertThat(config.agent().listen()).isEqualTo(AgentConfig.DEFAULT_LISTEN);
    }

    @Test
    void byteOrderMarkIsIgnored() throws Exception {
        assertThat(ConfigLoader.parse("\uFEFF" + MINIMAL, "bom.yml").links()).hasSize(1);
    }

    @Test
    void yamlMergeKeysAreRejected() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                defaults: &d {interval: 2s}
                links:
                  - name: a
                    peer: 10.0.0.1
                    probes:
                      - <<: *d
                        type: icmp
                """, "merge.yml"))
                .hasMessage("""
                        merge.yml:1: defaults: unknown key (expected one of: agent, links, alerts)
                        merge.yml:6: links[0].probes[0].<<: YAML merge keys are not supported""");
    }

    @Test
    void fwmarkInHexOrDecimal() throws Exception {
        assertThat(fwmarkOf("0x64")).isEqualTo(OptionalLong.of(100));
        assertThat(fwmarkOf("0X1f")).isEqualTo(OptionalLong.of(31));
        assertThat(fwmarkOf("4294967295")).isEqualTo(OptionalLong.of(0xFFFF_FFFFL));
        assertThat(fwmarkOf("1")).isEqualTo(OptionalLong.of(1));
    }

    @Test
    void ipv6ListenAndPeer() throws Exception {
        Config config = ConfigLoader.parse("""
                agent:
                  listen: "[::1]:18784"
                links:
                  - name: v6
                    peer: 2001:db8::2
                    source: 2001:db8::1
                    probes:
                      - type: icmp
                        size: 65527
                """, "v6.yml");

        assertThat(config.agent().listen()).isEqualTo(new ListenAddress(ip("::1"), 18784));
        assertThat(config.agent().listen()).hasToString("[::1]:18784");
        assertThat(config.agent().listen().toSocketAddress().getPort()).isEqualTo(18784);
        assertThat(config.links().getFirst().peer()).isEqualTo(ip("2001:db8::2"));
        assertThat(config.links().getFirst().source()).contains(ip("2001:db8::1"));
    }

    @Test
    void ipv6ListenInSingleQuotesAndAnyAddress() throws Exception {
        Config config = ConfigLoader.parse("agent:\n  listen: '[::]:9184'\n" + MINIMAL, "t.yml");

        assertThat(config.agent().listen().address().isAnyLocalAddress()).isTrue();
        assertThat(config.agent().listen()).hasToString("[::]:9184");
    }

    @Test
    void aliasesMayShareProbeLists() throws Exception {
        Config config = ConfigLoader.parse("""
                links:
                  - name: a
                    peer: 10.0.0.1
                    probes: &standard
                      - type: icmp
                        interval: 500ms
                  - name: b
                    peer: 10.0.0.2
                    probes: *standard
                """, "t.yml");

        assertThat(config.links().get(1).probes()).isEqualTo(config.links().get(0).probes());
    }

    @Test
    void icmpTimeoutMayExceedInterval() throws Exception {
        Config config = ConfigLoader.parse(MINIMAL.replace("- type: icmp",
                "- type: icmp\n        interval: 100ms\n        timeout: 5s"), "t.yml");

        assertThat(config.links().getFirst().probes().getFirst().timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void loadNamesTheFileAsGivenInErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yml");
        Files.writeString(file, "links: []\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: links: at least one link is required");
    }

    @Test
    void missingFileIsAnErrorNamingTheFile(@TempDir Path dir) {
        Path file = dir.resolve("nope.yml");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .containsExactly(new ConfigError(file.toString(), 0, "(file)", "file not found")))
                .hasMessage(file + ": (file): file not found");
    }

    @Test
    void directoryIsNotAConfigFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir))
                .hasMessage(dir + ": (file): is a directory, not a config file");
    }

    @Test
    void invalidUtf8IsReported(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .hasMessage(file + ": (file): not a UTF-8 text file");
    }

    @Test
    void oversizedDocumentIsRejected() {
        String huge = "# " + "x".repeat(ConfigLoader.MAX_DOCUMENT_SIZE) + "\n";

        assertThatThrownBy(() -> ConfigLoader.parse(huge, "huge.yml"))
                .hasMessageStartingWith("huge.yml: (yaml): document is too large");
    }

    @Test
    void configErrorFormat() {
        assertThat(new ConfigError("bad.yml", 7, "links[0].probes[1].interval", "must be at least 10ms (got 5ms)"))
                .hasToString("bad.yml:7: links[0].probes[1].interval: must be at least 10ms (got 5ms)");
        assertThat(new ConfigError("bad.yml", 0, "(file)", "file not found"))
                .hasToString("bad.yml: (file): file not found");
    }

    private static OptionalLong fwmarkOf(String fwmark) throws ConfigException {
        String yaml = MINIMAL.replace("    peer: 10.255.0.2", "    peer: 10.255.0.2\n    fwmark: " + fwmark);
        return ConfigLoader.parse(yaml, "t.yml").links().getFirst().fwmark();
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(ConfigLoaderTest.class.getResource("/config/" + name).toURI());
    }

    private static IpPrefix prefix(String address, int length) {
        return new IpPrefix(ip(address), length);
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
