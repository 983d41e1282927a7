package io.linkguard.alerts;

import io.linkguard.alerts.config.MessageTemplate;

import java.util.function.UnaryOperator;

/**
 * Fills a {@link MessageTemplate} from an event. Values are escaped with the channel's escaper; the
 * template's literal text is not, so operators can use the channel's markup. Pure.
 */
final class TemplateRenderer {
    /** What an absent figure renders as. */
    static final String ABSENT = "-";

    private TemplateRenderer() {
    }

    static String render(MessageTemplate template, AlertEvent e, String node, UnaryOperator<String> escape) {
        StringBuilder b = new StringBuilder();
        for (MessageTemplate.Part p : template.parts()) {
            switch (p) {
                case MessageTemplate.Literal(String text) -> b.append(text);
                case MessageTemplate.Placeholder(String name) -> b.append(escape.apply(value(name, e, node)));
            }
        }
        return b.toString();
    }

    static String value(String name, AlertEvent e, String node) {
        return switch (name) {
            case "kind" -> e.kind().label();
            case "severity" -> e.severity().label();
            case "link" -> e.link();
            case "state" -> e.state();
            case "reason" -> e.reason();
            case "at" -> EventText.time(e.at());
            case "since" -> EventText.time(e.since());
            case "node" -> node;
            case "title" -> EventText.title(e);
            case "figures" -> EventText.figureLine(e);
            default -> e.figures().getOrDefault(name, ABSENT);
        };
    }
}
