package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.linkguard.alerts.config.MessageTemplate;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Fuzz tests for what the alert path reads from outside: HTTP answers (Retry-After, Telegram's JSON) and
 * operator templates rendered with event values. None of these is documented to throw: a malformed
 * answer is a {@link DeliveryOutcome}, a malformed header is "no wait given", and a template that parsed always
 * renders. So any throwable escaping here fails the test. (The template parser's own target, which may
 * throw {@link IllegalArgumentException}, is {@code config.MessageTemplateFuzzTest}.)
 *
 * <p>Regression inputs: {@code src/test/resources/io/linkguard/agent/alert/AlertParsersFuzzTestInputs/<method>/};
 * fuzz one with e.g. {@code JAZZER_FUZZ=1 mvn -pl agent test -Dtest='AlertParsersFuzzTest#retryAfter'}.
 */
class AlertParsersFuzzTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    /** The header value as sent; the wait is empty or between 0 and {@link RetryAfter#MAX}. */
    @FuzzTest(maxDuration = "2m")
    void retryAfter(byte[] input) {
        Optional<Duration> wait = RetryAfter.parse(new String(input, StandardCharsets.ISO_8859_1), NOW);
        wait.ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, RetryAfter.MAX));
    }

    /**
     * Three ASCII digits of HTTP status, then the response body. {@link TelegramChannel#outcome} must turn
     * anything into an outcome; a wait it takes from {@code retry_after} is capped.
     */
    @FuzzTest(maxDuration = "2m")
    void telegramResponse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int status = 200;
        if (text.length() >= 3 && text.substring(0, 3).chars().allMatch(c -> c >= '0' && c <= '9')) {
            status = Integer.parseInt(text.substring(0, 3));
            text = text.substring(3);
        }
        TelegramChannel c = new TelegramChannel("tg", URI.create("https://api.telegram.org"), "123:abc",
                "-100123", "n", Optional.empty());

        DeliveryOutcome o = c.outcome(new Response(status, text, null), NOW);

        assertThat(o).isNotNull();
        assertThat(o.detail()).isNotNull();
        if (o instanceof DeliveryOutcome.Retry r) {
            r.notBefore().ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, RetryAfter.MAX));
        }
        JsonObject json;
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            JsonValue v = r.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                return;
            }
            json = v.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            return; // not JSON: outcome() above already had to cope
        }
        TelegramChannel.retryAfter(json).ifPresent(d -> assertThat(d).isBetween(Duration.ZERO, RetryAfter.MAX));
    }

    /**
     * A template that parses renders for any event values with every channel's escaper; Telegram's escaper
     * leaves no {@code <} or {@code >} of a value in the text.
     */
    @FuzzTest(maxDuration = "2m")
    void renderTemplate(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        int cut = text.indexOf('\n');
        String template = cut < 0 ? text : text.substring(0, cut);
        String value = cut < 0 ? "" : text.substring(cut + 1);
        MessageTemplate t;
        try {
            t = MessageTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            return; // the parser's own target checks this
        }
        AlertEvent e = new AlertEvent(AlertKind.LINK_STATE, Severity.CRITICAL, "la-sg", value, value,
                java.util.Map.of("rtt_ms", value), NOW, NOW);
        for (var escaper : List.<java.util.function.UnaryOperator<String>>of(MarkupEscaping::telegramHtml, MarkupEscaping::slack,
                MarkupEscaping::none)) {
            assertThat(TemplateRenderer.render(t, e, value, escaper)).isNotNull();
        }
        String onlyValue = TemplateRenderer.render(MessageTemplate.parse("{{reason}}"), e, "n", MarkupEscaping::telegramHtml);
        assertThat(onlyValue).doesNotContain("<").doesNotContain(">");
    }

    /** Guards against the seed directories being renamed away: regression mode would not notice. */
    @Test
    void seedDirectoriesExist() {
        for (String method : new String[] {"retryAfter", "telegramResponse", "renderTemplate"}) {
            assertThat(AlertParsersFuzzTest.class.getResource("AlertParsersFuzzTestInputs/" + method)).as(method)
                    .isNotNull();
        }
    }
}
