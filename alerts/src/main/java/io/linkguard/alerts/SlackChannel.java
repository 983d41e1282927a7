package io.linkguard.alerts;

import io.linkguard.alerts.config.MessageTemplate;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.linkguard.alerts.Jsons.JSON;

/**
 * A Slack incoming webhook: {@code {"text": fallback, "blocks": [...]}} with Block Kit blocks (Slack
 * API, "Block Kit" reference): a {@code header}, one {@code section} per event (its text, and its
 * figures as {@code fields}), and a {@code context} naming the node. {@code text} is what
 * notifications and clients without blocks show. Slack answers 200 {@code ok}, 429 with
 * {@code Retry-After}, and 4xx such as 404 {@code no_service} or 403 {@code invalid_token} for a dead
 * webhook, which retrying cannot fix.
 */
final class SlackChannel implements Channel {
    /** Block Kit limits: 50 blocks per message, 150 characters of header, 3000 of section text, 10 fields of 2000. */
    static final int MAX_BLOCKS = 50;
    static final int MAX_HEADER = 150;
    static final int MAX_SECTION = 3000;
    static final int MAX_FIELDS = 10;
    static final int MAX_FIELD = 2000;
    /** The top-level text is truncated by Slack beyond 40000 characters; stay well below. */
    static final int MAX_TEXT = 3000;

    private final String name;
    private final URI url;
    private final String node;
    private final Optional<MessageTemplate> template;

    SlackChannel(String name, URI url, String node, Optional<MessageTemplate> template) {
        this.name = name;
        this.url = url;
        this.node = node;
        this.template = template;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Optional<Request> request(Message m, Instant now) {
        byte[] body = payload(m).toString().getBytes(StandardCharsets.UTF_8);
        return Optional.of(new Request(url, Map.of(), body));
    }

    @Override
    public DeliveryOutcome outcome(Response r, Instant now) {
        return DeliveryOutcome.ofStatus(r, Channel.detail(r, r.body()), now);
    }

    JsonObject payload(Message m) {
        List<AlertEvent> events = m.events();
        Severity worst = events.stream().map(AlertEvent::severity).max(Comparator.naturalOrder()).orElseThrow();
        JsonArrayBuilder blocks = JSON.createArrayBuilder();
        String header = events.size() == 1
                ? EventText.emoji(worst) + " " + EventText.title(events.getFirst())
                : EventText.emoji(worst) + " " + events.size() + " linkguard alerts";
        blocks.add(JSON.createObjectBuilder().add("type", "header").add("text", JSON.createObjectBuilder()
                .add("type", "plain_text").add("text", EventText.cut(header, MAX_HEADER)).add("emoji", true)));
        int room = MAX_BLOCKS - 2; // header and context
        int shown = events.size() <= room ? events.size() : room - 1; // keep a block for "+N more"
        for (AlertEvent e : events.subList(0, shown)) {
            blocks.add(section(e));
        }
        if (shown < events.size()) {
            blocks.add(JSON.createObjectBuilder().add("type", "section").add("text", mrkdwn("_+"
                    + (events.size() - shown) + " more_")));
        }
        blocks.add(JSON.createObjectBuilder().add("type", "context").add("elements", JSON.createArrayBuilder()
                .add(mrkdwn("node *" + MarkupEscaping.slack(node) + "* · linkguard"))));
        return JSON.createObjectBuilder().add("text", fallback(events)).add("blocks", blocks).build();
    }

    private JsonObjectBuilder section(AlertEvent e) {
        JsonObjectBuilder section = JSON.createObjectBuilder().add("type", "section");
        if (template.isPresent()) {
            String text = TemplateRenderer.render(template.get(), e, node, MarkupEscaping::slack);
            return section.add("text", mrkdwn(EventText.cut(text, MAX_SECTION)));
        }
        String text = "*" + EventText.emoji(e.severity()) + " " + MarkupEscaping.slack(EventText.title(e)) + "*"
                + (e.reason().isEmpty() ? "" : "\n" + MarkupEscaping.slack(e.reason()));
        section.add("text", mrkdwn(EventText.cut(text, MAX_SECTION)));
        JsonArrayBuilder fields = JSON.createArrayBuilder();
        int n = 0;
        if (e.kind() != AlertKind.TEST) {
            fields.add(field("State", e.state()));
            n++;
        }
        for (EventText.Figure f : EventText.figures(e)) {
            if (n == MAX_FIELDS - 1) {
                break; // keep the last field for "Since"
            }
            fields.add(field(f.label(), f.value()));
            n++;
        }
        fields.add(field(e.kind() == AlertKind.TEST ? "At" : "Since", EventText.time(e.since())));
        return section.add("fields", fields);
    }

    private static JsonObjectBuilder field(String label, String value) {
        return mrkdwn(EventText.cut("*" + MarkupEscaping.slack(label) + "*\n" + MarkupEscaping.slack(value), MAX_FIELD));
    }

    private static JsonObjectBuilder mrkdwn(String text) {
        return JSON.createObjectBuilder().add("type", "mrkdwn").add("text", text);
    }

    /** Notification text: one line per event, escaped like any mrkdwn text. */
    private String fallback(List<AlertEvent> events) {
        StringBuilder b = new StringBuilder();
        if (events.size() > 1) {
            b.append(events.size()).append(" alerts from ").append(MarkupEscaping.slack(node)).append(":\n");
        }
        for (AlertEvent e : events) {
            String line = template.isPresent()
                    ? TemplateRenderer.render(template.get(), e, node, MarkupEscaping::slack)
                    : MarkupEscaping.slack(EventText.plain(e));
            b.append(line).append('\n');
            if (b.length() > MAX_TEXT) {
                break;
            }
        }
        if (events.size() == 1) {
            b.append("(node ").append(MarkupEscaping.slack(node)).append(")");
        }
        return EventText.cut(b.toString().strip(), MAX_TEXT);
    }
}
