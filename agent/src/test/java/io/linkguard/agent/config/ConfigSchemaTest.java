package io.linkguard.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema {@code linkguard config-schema} prints accepts every example config of the repository and
 * rejects unknown keys and wrong types, as the loader does.
 */
class ConfigSchemaTest {

    /** The repository root: Maven runs the agent's tests in {@code agent/}. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** A link to complete README fragments that show only another part of the file. */
    private static final String LINKS = "links: [{name: l, peer: 192.0.2.1, probes: [{type: icmp}]}]\n";
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(Config.jsonSchema(), InputFormat.JSON);

    static Stream<String> exampleFiles() {
        return Stream.of("agent/src/main/resources/io/linkguard/agent/config/default.yml",
                "agent/src/test/resources/config/valid-full.yml", "systemd/linkguard.example.yml",
                "packaging/src/deb/linkguard.yml");
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void everyExampleFileIsValid(String file) throws Exception {
        String yaml = Files.readString(ROOT.resolve(file));
        ConfigLoader.parse(yaml, file); // the loader accepts it too, so the example is meant to be valid
        assertThat(errors(yaml)).as(file).isEmpty();
    }

    /** README's YAML blocks: a whole file, or a fragment completed with a minimal link. */
    static Stream<String> readmeBlocks() throws IOException {
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(ROOT.resolve("README.md")));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            String block = m.group(1);
            if (block.startsWith(" ")) { // keys of one link
                blocks.add("links:\n  - name: l\n    peer: 10.255.0.2\n    probes: [{type: icmp}]\n" + block);
            } else {
                blocks.add(block.lines().anyMatch(l -> l.startsWith("links:")) ? block : block + LINKS);
            }
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        return blocks.stream();
    }

    @ParameterizedTest
    @MethodSource("readmeBlocks")
    void everyReadmeBlockIsValid(String yaml) {
        assertThat(errors(yaml)).as(yaml).isEmpty();
    }

    @Test
    void anUnknownKeyIsInvalid() {
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: icmp, intervall: 1s}]}]\n"))
                .anyMatch(e -> e.contains("intervall"));
        assertThat(errors(LINKS + "agent: {lisen: 127.0.0.1:1}\n")).anyMatch(e -> e.contains("lisen"));
        // A key of another probe type: tcp's port on an icmp probe.
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: icmp, port: 80}]}]\n"))
                .anyMatch(e -> e.contains("port"));
    }

    @Test
    void aWrongTypeIsInvalid() {
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: tcp, port: \"80\"}]}]\n"))
                .isNotEmpty();
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: icmp, interval: 1.5s}]}]\n"))
                .isNotEmpty();
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: icmp, df: 1}]}]\n")).isNotEmpty();
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: gre}]}]\n")).isNotEmpty();
        assertThat(errors("links: [{name: l, peer: 192.0.2.1, probes: [{type: tcp}]}]\n")) // port is required
                .anyMatch(e -> e.contains("port"));
        assertThat(errors("links: []\n")).isNotEmpty();
        assertThat(errors("agent: {}\n")).anyMatch(e -> e.contains("links"));
    }

    private static List<String> errors(String yaml) {
        return SCHEMA.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
    }
}
