package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkguard.alerts.config.MessageTemplate;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SlackChannelTest {
    private static final URI URL = URI.create("https://hooks.slack.test/services/T/B/X");

    private static SlackChannel channel(Optional<MessageTemplate> template) {
        return new SlackChannel("ops-slack", URL, "la-edge-1", template);
    }

    private static Message message(AlertEvent... events) {
        return new Message("id-1", Events.T0, List.of(events));
    }

    @Test
    void oneEventHasHeaderSectionWithFiguresAndContext() {
        JsonObject p = channel(Optional.empty()).payload(message(Events.down("la-sg", "BFD Down: detection time expired")));

        assertThat(SlackPayload.problems(p)).isEmpty();
        assertThat(p.getJsonArray("blocks")).extracting(b -> b.asJsonObject().getString("type"))
                .containsExactly("header", "section", "context");
        assertThat(p.getJsonArray("blocks").getJsonObject(0).getJsonObject("text").getString("text"))
                .endsWith("link la-sg is down");
        JsonObject section = p.getJsonArray("blocks").getJsonObject(1);
        assertThat(section.getJsonObject("text").getString("text")).contains("BFD Down: detection time expired");
        assertThat(section.getJsonArray("fields")).extracting(f -> f.asJsonObject().getString("text"))
                .containsExactly("*State*\ndown", "*RTT*\n182.4 ms", "*Loss*\n31.0%",
                        "*BFD diagnostic*\nControl Detection Time Expired", "*Active path*\ntunnel",
                        "*Since*\n2025-05-01 12:00:00 UTC");
        assertThat(p.getJsonArray("blocks").getJsonObject(2).getJsonArray("elements").getJsonObject(0)
                .getString("text")).contains("la-edge-1");
        assertThat(p.getString("text")).contains("link la-sg is down").contains("la-edge-1");
    }

    @Test
    void reasonWithControlCharactersIsEscaped() {
        JsonObject p = channel(Optional.empty()).payload(message(Events.down("la-sg", "<!channel> a & b > c")));

        assertThat(SlackPayload.problems(p)).isEmpty();
        assertThat(p.getJsonArray("blocks").getJsonObject(1).getJsonObject("text").getString("text"))
                .contains("&lt;!channel&gt; a &amp; b &gt; c");
        assertThat(p.getString("text")).contains("&lt;!channel&gt; a &amp; b &gt; c");
    }

    @Test
    void severalEventsOneSectionEachInOrder() {
        JsonObject p = channel(Optional.empty()).payload(message(Events.numbered(1), Events.numbered(2),
                Events.numbered(3)));

        assertThat(SlackPayload.problems(p)).isEmpty();
        assertThat(p.getJsonArray("blocks")).hasSize(5);
        assertThat(p.getJsonArray("blocks").getJsonObject(0).getJsonObject("text").getString("text"))
                .endsWith("3 linkguard alerts");
        for (int i = 1; i <= 3; i++) {
            assertThat(p.getJsonArray("blocks").getJsonObject(i).getJsonObject("text").getString("text"))
                    .contains("event #" + i);
        }
    }

    @Test
    void moreEventsThanBlocksEndsWithACount() {
        List<AlertEvent> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(Events.numbered(i));
        }
        JsonObject p = channel(Optional.empty()).payload(new Message("x", Events.T0, many));

        assertThat(SlackPayload.problems(p)).isEmpty();
        assertThat(p.getJsonArray("blocks")).hasSize(50);
        assertThat(p.getJsonArray("blocks").getJsonObject(48).getJsonObject("text").getString("text"))
                .isEqualTo("_+13 more_");
    }

    @Test
    void templateValuesAreEscapedButItsMarkupIsKept() {
        MessageTemplate t = MessageTemplate.parse("*{{link}}* went {{state}}: {{reason}} (RTT {{rtt_ms}}, {{jitter_ms}})");

        JsonObject p = channel(Optional.of(t)).payload(message(Events.down("la-sg", "a<b")));

        assertThat(SlackPayload.problems(p)).isEmpty();
        assertThat(p.getJsonArray("blocks").getJsonObject(1).getJsonObject("text").getString("text"))
                .isEqualTo("*la-sg* went down: a&lt;b (RTT 182.4, -)");
    }

    @Test
    void http429IsRetriedAfterItsRetryAfter() {
        SlackChannel c = channel(Optional.empty());
        Instant now = Instant.now();

        assertThat(c.outcome(new Response(429, "rate_limited", "2"), now))
                .isEqualTo(new DeliveryOutcome.Retry("HTTP 429: rate_limited", Optional.of(java.time.Duration.ofSeconds(2))));
        assertThat(c.outcome(new Response(200, "ok", null), now)).isInstanceOf(DeliveryOutcome.Delivered.class);
        assertThat(c.outcome(new Response(404, "no_service", null), now)).isInstanceOf(DeliveryOutcome.Rejected.class);
        assertThat(c.outcome(new Response(503, "", null), now)).isInstanceOf(DeliveryOutcome.Retry.class);
    }
}
