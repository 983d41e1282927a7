package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for what the alert path reads back from disk and how it scrubs text.
 * <ul>
 *   <li>{@link MessageCodec#decode}: a spool file's bytes (a crash, a full disk or an operator may leave
 *       anything). Documented to throw {@link IllegalArgumentException} and nothing else (the spool then
 *       sets the file aside as corrupt); what it accepts survives encode and decode unchanged.
 *   <li>{@link Redactor#apply}: documented never to throw; a secret it was told about never appears in its
 *       output. Input: lines; every line but the last is a secret, the last is the text.
 * </ul>
 * Regression inputs: {@code src/test/resources/io/linkguard/agent/alert/SpoolCodecFuzzTestInputs/<method>/};
 * fuzz one with e.g. {@code JAZZER_FUZZ=1 mvn -pl agent test -Dtest='SpoolCodecFuzzTest#decodeMessage'}.
 */
class SpoolCodecFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void decodeMessage(byte[] input) {
        Message m;
        try {
            m = MessageCodec.decode(input);
        } catch (IllegalArgumentException e) {
            return;
        }
        assertThat(MessageCodec.decode(MessageCodec.encode(m))).isEqualTo(m);
    }

    @FuzzTest(maxDuration = "2m")
    void redact(byte[] input) {
        String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        List<String> secrets = new ArrayList<>(List.of(lines).subList(0, lines.length - 1));
        String text = lines[lines.length - 1];
        // Each secret also appears in the text, so there is something to mask.
        String all = String.join(" ", secrets) + " " + text;

        String out = new Redactor(secrets).apply(all);

        for (String s : secrets) {
            if (checkable(s)) {
                assertThat(out).as("secret %s", s).doesNotContain(s);
            }
        }
    }

    /**
     * Secrets the property holds for: long enough to be masked, and unable to be made up by the masks
     * themselves. A secret inside {@code [redacted]} or {@code <url>}, or one with a bracket that could join a
     * mask to its neighbour ({@code "ed]x"} in {@code "[redacted]x"}), shows up in any masked text without
     * having leaked.
     */
    private static boolean checkable(String s) {
        return s.length() >= Redactor.MIN_SECRET_LENGTH && !Redactor.MASK.contains(s) && !"<url>".contains(s)
                && s.chars().noneMatch(c -> c == '[' || c == ']' || c == '<' || c == '>');
    }

    /** Guards against the seed directories being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoriesExist() {
        for (String method : new String[] {"decodeMessage", "redact"}) {
            assertThat(SpoolCodecFuzzTest.class.getResource("SpoolCodecFuzzTestInputs/" + method)).as(method)
                    .isNotNull();
        }
    }
}
