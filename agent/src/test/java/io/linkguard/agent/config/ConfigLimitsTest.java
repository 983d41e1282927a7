package io.linkguard.agent.config;

import io.linkguard.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounds of {@link io.linkguard.config.DocumentLimits} and {@link ExecActionParser} on documents built in memory. */
class ConfigLimitsTest {

    private static final String LINK = """
            links:
              - name: la-sg
                peer: 10.255.0.2
                probes:
                  - type: icmp
                paths:
                  - name: tunnel
                    actions:
                      - type: exec
            %s
                  - name: proxy
                    actions:
                      - type: route
                        prefixes: [10.20.0.0/16]
                        via: 192.0.2.1
            """;

    /**
     * The finding: 100,001 aliases of one 400 KB value, a 40 GB argv once joined, in an 800 KB file.
     * It is rejected before any argv is built, with one message per cause.
     */
    @Test
    void theArgvBombIsRejectedBeforeAnythingIsBuilt() {
        String yaml = LINK.formatted("            argv: [/usr/local/bin/hook, &big " + "x".repeat(400_000)
                + ", *big".repeat(100_000) + "]");
        assertThat(yaml.length()).isLessThan(ConfigLoader.MAX_DOCUMENT_SIZE);

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bomb.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bomb.yml:10: links[0].paths[0].actions[0].argv: has 100002 items (at most 4096)");
    }

    @Test
    void aLongValueReferencedByFewAliasesIsStoppedByTheArgvBound() {
        String yaml = LINK.formatted("            argv: [/usr/local/bin/hook, &big " + "x".repeat(16_000)
                + ", *big".repeat(200) + "]");

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "argv.yml"))
                .hasMessage("argv.yml:10: links[0].paths[0].actions[0].argv: arguments are 3216019 characters long "
                        + "together (at most 131072)");
    }

    @Test
    void envValuesAreTakenLiterallyInOrder() throws Exception {
        String yaml = LINK.formatted("""
                        argv: [/usr/local/bin/hook]
                        env:
                          SITE: la
                          HOME_COPY: $HOME
                          EMPTY:
                          PORT: 8080""".indent(12).stripTrailing());

        ExecActionConfig exec = (ExecActionConfig) ConfigLoader.parse(yaml, "env.yml").links().getFirst().paths()
                .getFirst().actions().getFirst();

        assertThat(exec.env()).containsExactly(Map.entry("SITE", "la"), Map.entry("HOME_COPY", "$HOME"),
                Map.entry("EMPTY", ""), Map.entry("PORT", "8080"));
        assertThat(exec.argv()).isEqualTo(List.of("/usr/local/bin/hook"));
    }

    @Test
    void aFileOverTheSizeLimitIsRejectedUnread(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yml");
        Files.writeString(big, "#".repeat(ConfigLoader.MAX_DOCUMENT_SIZE + 1));

        assertThatThrownBy(() -> ConfigLoader.load(big))
                .hasMessage(big + ": (file): file is too large (1048577 bytes, at most 1048576 bytes)");
    }

    /** Its size is 0, its content endless: only a bounded read notices. */
    @Test
    void anEndlessFileIsRejectedAfterTheLimit() {
        Path zero = Path.of("/dev/zero");

        assertThatThrownBy(() -> ConfigLoader.load(zero))
                .hasMessage("/dev/zero: (file): file is too large (more, at most 1048576 bytes)");
    }
}
