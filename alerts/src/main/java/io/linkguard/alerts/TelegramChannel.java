package io.linkguard.alerts;

import io.linkguard.alerts.config.MessageTemplate;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * Telegram Bot API {@code sendMessage} (core.telegram.org/bots/api#sendmessage) with
 * {@code parse_mode: HTML}: only {@code <b>}, {@code <i>}, {@code <code>} are used, every value is
 * escaped ({@link Escaping#telegramHtml}). The API answers {@code {"ok":true,...}}, or
 * {@code {"ok":false,"error_code":429,"parameters":{"retry_after":N}}} when flooded (N seconds to
 * wait), or {@code 400}/{@code 403} for a wrong chat or a bot removed from it, which retrying cannot fix.
 */
final class TelegramChannel implements Channel {
    /** sendMessage: "1-4096 characters after entities parsing"; we bound the markup itself, which is longer. */
    static final int MAX_TEXT = 4096;

    private final String name;
    private final URI sendMessage;
    private final String chatId;
    private final String node;
    private final Optional<MessageTemplate> template;

    /** @param token the bot token: only ever part of the request URI */
    TelegramChannel(String name, URI baseUrl, String token, String chatId, String node,
                    Optional<MessageTemplate> template) {
        this.name = name;
        this.sendMessage = URI.create(baseUrl + "/bot" + token + "/sendMessage");
        this.chatId = chatId;
        this.node = node;
        this.template = template;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "telegram";
    }

    @Override
    public Optional<Request> request(Message m, Instant now) {
        JsonObject body = JSON.createObjectBuilder()
                .add("chat_id", chatId)
                .add("text", text(m.events()))
                .add("parse_mode", "HTML")
                .add("disable_web_page_preview", true)
                .build();
        return Optional.of(new Request(sendMessage, Map.of(), body.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public DeliveryOutcome outcome(Response r, Instant now) {
        Optional<JsonObject> json = parse(r.body());
        String description = json.map(o -> o.getString("description", "")).orElse(r.body());
        String detail = Channel.detail(r, description);
        if (r.isSuccess()) {
            boolean ok = json.map(o -> o.getBoolean("ok", false)).orElse(false);
            return ok ? new DeliveryOutcome.Delivered(detail)
                    : new DeliveryOutcome.Rejected(detail + " (no \"ok\":true)");
        }
        Optional<Duration> retryAfter = json.flatMap(TelegramChannel::retryAfter);
        if (retryAfter.isPresent() && (r.status() == 429 || r.status() >= 500)) {
            return new DeliveryOutcome.Retry(detail, retryAfter);
        }
        return DeliveryOutcome.ofStatus(r, detail, now);
    }

    /** {@code parameters.retry_after}: seconds to wait before the next request (ResponseParameters). */
    static Optional<Duration> retryAfter(JsonObject o) {
        JsonValue p = o.get("parameters");
        if (p == null || p.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonValue v = p.asJsonObject().get("retry_after");
        if (v == null || v.getValueType() != JsonValue.ValueType.NUMBER) {
            return Optional.empty();
        }
        long seconds = Math.max(0, ((jakarta.json.JsonNumber) v).longValue());
        return Optional.of(RetryAfter.cap(Duration.ofSeconds(Math.min(seconds, RetryAfter.MAX.toSeconds()))));
    }

    private static Optional<JsonObject> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader r = JSON.createReader(new StringReader(body))) {
            JsonValue v = r.readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(v.asJsonObject()) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The events as Telegram HTML, as many as fit in one message; the rest are counted ("+N more"). */
    String text(List<AlertEvent> events) {
        String footer = "<i>node " + MarkupEscaping.telegramHtml(node) + " · linkguard</i>";
        int reserve = 40; // room for the "+N more" line
        List<String> blocks = new ArrayList<>();
        int length = footer.length();
        for (int i = 0; i < events.size(); i++) {
            String block = block(events.get(i));
            boolean last = i == events.size() - 1;
            if (length + block.length() + 2 > MAX_TEXT - (last ? 0 : reserve)) {
                if (i == 0) {
                    // A template can render one event longer than a message: send it as plain text, cut.
                    block = MarkupEscaping.telegramHtml(EventText.cut(EventText.plain(events.get(i)), 1000));
                } else {
                    blocks.add("… +" + (events.size() - i) + " more");
                    break;
                }
            }
            blocks.add(block);
            length += block.length() + 2;
        }
        return String.join("\n\n", blocks) + "\n\n" + footer;
    }

    private String block(AlertEvent e) {
        if (template.isPresent()) {
            return TemplateRenderer.render(template.get(), e, node, MarkupEscaping::telegramHtml);
        }
        StringBuilder b = new StringBuilder();
        b.append(EventText.emoji(e.severity())).append(" <b>").append(MarkupEscaping.telegramHtml(EventText.title(e)))
                .append("</b>");
        if (!e.reason().isEmpty()) {
            b.append('\n').append(MarkupEscaping.telegramHtml(e.reason()));
        }
        String figures = EventText.figureLine(e);
        if (!figures.isEmpty()) {
            b.append('\n').append("<code>").append(MarkupEscaping.telegramHtml(figures)).append("</code>");
        }
        if (e.kind() != AlertKind.TEST) {
            b.append("\nstate ").append(MarkupEscaping.telegramHtml(e.state())).append(" since ")
                    .append(MarkupEscaping.telegramHtml(EventText.time(e.since())));
        }
        return b.toString();
    }
}
