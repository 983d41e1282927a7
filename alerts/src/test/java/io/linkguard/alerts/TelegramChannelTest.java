package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.config.MessageTemplate;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramChannelTest {
    private static final String TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789";

    private static TelegramChannel channel(Optional<MessageTemplate> template) {
        return new TelegramChannel("oncall-tg", URI.create("https://api.telegram.test"), TOKEN, "-1001234567890",
                "la-edge-1", template);
    }

    private static JsonObject body(TelegramChannel c, AlertEvent... events) {
        Request r = c.request(new Message("id", Events.T0, List.of(events)), Instant.now()).orElseThrow();
        return Json.createReader(new ByteArrayInputStream(r.body())).readObject();
    }

    @Test
    void sendMessageWithChatIdHtmlParseModeAndNoPreview() {
        TelegramChannel c = channel(Optional.empty());
        Request r = c.request(new Message("id", Events.T0, List.of(Events.down("la-sg", "x"))), Instant.now())
                .orElseThrow();

        assertThat(r.uri()).hasToString("https://api.telegram.test/bot" + TOKEN + "/sendMessage");
        assertThat(r.toString()).doesNotContain(TOKEN);
        JsonObject b = body(c, Events.down("la-sg", "x"));
        assertThat(b.getString("chat_id")).isEqualTo("-1001234567890");
        assertThat(b.getString("parse_mode")).isEqualTo("HTML");
        assertThat(b.getBoolean("disable_web_page_preview")).isTrue();
        assertThat(TelegramHtml.problems(b.getString("text"))).isEmpty();
        assertThat(b.getString("text")).contains("<b>link la-sg is down</b>").contains("la-edge-1")
                .contains("RTT 182.4 ms");
    }

    @Test
    void reasonIsEscapedExactlyAsTelegramHtmlRequires() {
        String text = body(channel(Optional.empty()), Events.down("la-sg", "<b>x</b> & \"y\" > z")).getString("text");

        assertThat(TelegramHtml.problems(text)).isEmpty();
        assertThat(text).contains("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; &gt; z");
        assertThat(TelegramHtml.visible(text)).contains("<b>x</b> & \"y\" > z");
    }

    @Test
    void templatesKeepTheirTagsAndEscapeValues() {
        MessageTemplate t = MessageTemplate.parse("<b>{{link}}</b> {{state}}: <i>{{reason}}</i>");

        String text = body(channel(Optional.of(t)), Events.down("la-sg", "a<b & c")).getString("text");

        assertThat(TelegramHtml.problems(text)).isEmpty();
        assertThat(text).startsWith("<b>la-sg</b> down: <i>a&lt;b &amp; c</i>");
    }

    @Test
    void aLongGroupStaysUnder4096CharactersAndCountsTheRest() {
        List<AlertEvent> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(Events.down("la-sg", "reason " + i + " " + "x".repeat(300)));
        }
        String text = channel(Optional.empty()).text(many);

        assertThat(text.length()).isLessThanOrEqualTo(TelegramChannel.MAX_TEXT);
        assertThat(TelegramHtml.problems(text)).isEmpty();
        assertThat(text).containsPattern("… \\+\\d+ more");
    }

    @Test
    void floodControlRetryAfterIsHonoured() {
        TelegramChannel c = channel(Optional.empty());
        String flood = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
                + "\"parameters\":{\"retry_after\":7}}";

        DeliveryOutcome o = c.outcome(new Response(429, flood, null), Instant.now());

        assertThat(o).isInstanceOfSatisfying(DeliveryOutcome.Retry.class,
                r -> assertThat(r.notBefore()).contains(Duration.ofSeconds(7)));
        assertThat(o.detail()).isEqualTo("HTTP 429: Too Many Requests: retry after 7");
    }

    @Test
    void clientErrorsAreFinalServerErrorsAreRetriedOkIsDelivered() {
        TelegramChannel c = channel(Optional.empty());
        Instant now = Instant.now();

        assertThat(c.outcome(new Response(400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat "
                + "not found\"}", null), now)).isEqualTo(new DeliveryOutcome.Rejected("HTTP 400: Bad Request: chat not found"));
        assertThat(c.outcome(new Response(502, "<html>bad gateway</html>", null), now))
                .isInstanceOf(DeliveryOutcome.Retry.class);
        assertThat(c.outcome(new Response(200, "{\"ok\":true,\"result\":{}}", null), now))
                .isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(c.outcome(new Response(200, "{\"ok\":false}", null), now)).isInstanceOf(DeliveryOutcome.Rejected.class);
    }
}
