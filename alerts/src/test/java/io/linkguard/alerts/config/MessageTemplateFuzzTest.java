package io.linkguard.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for {@link MessageTemplate#parse} and {@link MessageTemplate#checkTelegramHtml}: operator text
 * from the config. Both are documented to throw {@link IllegalArgumentException} (with a message for the
 * operator) and nothing else; any other throwable escapes and fails the test.
 *
 * <p>Without {@code JAZZER_FUZZ} (a plain {@code mvn test}) each method runs on the files under
 * {@code src/test/resources/io/linkguard/agent/config/MessageTemplateFuzzTestInputs/<method>/}; with
 * {@code JAZZER_FUZZ=1} one is fuzzed, e.g.
 * {@code JAZZER_FUZZ=1 mvn -pl agent test -Dtest='MessageTemplateFuzzTest#parseAndCheckTelegramHtml'}.
 */
class MessageTemplateFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parseAndCheckTelegramHtml(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        MessageTemplate t;
        try {
            t = MessageTemplate.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // What parses is literals and known placeholders, in order, and nothing else.
        StringBuilder literals = new StringBuilder();
        for (MessageTemplate.Part p : t.parts()) {
            switch (p) {
                case MessageTemplate.Literal(String lit) -> {
                    assertThat(lit).isNotEmpty().doesNotContain("{{").doesNotContain("}}");
                    literals.append(lit);
                }
                case MessageTemplate.Placeholder(String name) -> assertThat(MessageTemplate.PLACEHOLDERS)
                        .contains(name);
            }
        }
        assertThat(literals.length()).isLessThanOrEqualTo(text.length());
        try {
            t.checkTelegramHtml();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** Guards against the seed directory being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoriesExist() {
        assertThat(MessageTemplateFuzzTest.class.getResource("MessageTemplateFuzzTestInputs/parseAndCheckTelegramHtml"))
                .isNotNull();
    }
}
