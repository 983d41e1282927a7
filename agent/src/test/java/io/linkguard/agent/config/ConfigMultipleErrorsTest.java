package io.linkguard.agent.config;

import io.linkguard.config.ConfigError;
import io.linkguard.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** All problems of a file are reported in one go, sorted by line. */
class ConfigMultipleErrorsTest {

    @Test
    void allErrorsAreReportedSortedByLine() {
        // The agent section comes last but is read first, and a link's unknown key is found before the
        // values above it: the report must still be in line order.
        String yaml = """
                links:
                  - name: la-sg
                    peer: example.com
                    probes:
                      - type: icmp
                        interval: 5ms
                        df: yes
                      - type: tcp
                        port: 0
                    colour: blue
                  - name: la-sg
                    peer: 10.255.0.3
                    probes: []
                agent:
                  listen: localhost
                  node: la-edge-1
                  node: la-edge-2
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yml"));

        assertThat(e.errors()).extracting(ConfigError::line).isSorted();
        assertThat(e.getMessage()).isEqualTo("""
                bad.yml:3: links[0].peer: not an IP address: "example.com" (DNS names are not accepted)
                bad.yml:6: links[0].probes[0].interval: must be at least 10ms (got 5ms)
                bad.yml:7: links[0].probes[0].df: must be true or false (got "yes")
                bad.yml:9: links[0].probes[1].port: must be between 1 and 65535 (got 0)
                bad.yml:10: links[0].colour: unknown key (expected one of: name, peer, source, interface, \
                fwmark, probes, health, paths)
                bad.yml:11: links[1].name: duplicate link name "la-sg" (first at line 2)
                bad.yml:13: links[1].probes: at least one probe is required
                bad.yml:15: agent.listen: expected address:port, e.g. 127.0.0.1:18784 or [::1]:18784 \
                (got "localhost")
                bad.yml:17: agent.node: duplicate key (first at line 16)""");
    }

    @Test
    void errorsOnTheSameLineKeepTheirOrder() {
        String yaml = """
                links:
                  - {name: "A", peer: "x", probes: []}
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "flow.yml"));

        assertThat(e.errors()).extracting(ConfigError::key)
                .containsExactly("links[0].name", "links[0].peer", "links[0].probes");
        assertThat(e.errors()).extracting(ConfigError::line).containsOnly(2);
    }

    @Test
    void exceptionRequiresAtLeastOneError() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new ConfigException(java.util.List.of()))).isNotNull();
    }

    @Test
    void aSingleHopMinTtlStopsTheSessionBeforeItsAuthIsRead() {
        // Like before the binder: the auth (and its key file) of a session already known to be wrong is
        // not read, so the operator sees the one mistake that matters first.
        String yaml = """
                links:
                  - name: la-sg
                    peer: 10.255.0.2
                    probes:
                      - type: bfd
                        min_ttl: 250
                        auth: {type: keyed-sha1, key_file: /nonexistent/linkguard/bfd.key}
                """;

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "bad.yml"));

        assertThat(e.getMessage()).isEqualTo("bad.yml:6: links[0].probes[0].min_ttl: only for multihop sessions:"
                + " single hop always requires TTL 255 (RFC 5881 §5)");
    }
}
