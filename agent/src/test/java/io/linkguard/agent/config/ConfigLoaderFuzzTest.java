package io.linkguard.agent.config;

import io.linkguard.config.ConfigException;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz test for {@link ConfigLoader#parse}: on any text it returns a config or throws
 * {@link ConfigException} listing at least one problem; any other throwable (a RuntimeException from
 * a parser, a StackOverflowError from an alias cycle, an OutOfMemoryError from an alias bomb) escapes
 * and fails the test.
 *
 * <p>Without {@code JAZZER_FUZZ} (a plain {@code mvn test}) Jazzer runs in regression mode: once on an
 * empty input and once per file under
 * {@code src/test/resources/io/linkguard/agent/config/ConfigLoaderFuzzTestInputs/parse/}. With
 * {@code JAZZER_FUZZ=1} it fuzzes and saves crashing inputs there, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl agent -am test -Dtest='ConfigLoaderFuzzTest#parse'}.
 */
class ConfigLoaderFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            Config config = ConfigLoader.parse(text, "fuzz.yml");
            assertThat(config.links()).isNotEmpty();
        } catch (ConfigException e) {
            assertThat(e.errors()).isNotEmpty();
            assertThat(e.getMessage()).startsWith("fuzz.yml");
        }
    }
}
