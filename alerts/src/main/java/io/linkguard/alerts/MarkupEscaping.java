package io.linkguard.alerts;

/** Escaping of values put into a channel's markup. Pure. */
final class MarkupEscaping {
    private MarkupEscaping() {
    }

    /**
     * Slack mrkdwn: {@code &}, {@code <} and {@code >} are control characters and must be sent as
     * {@code &amp;}, {@code &lt;}, {@code &gt;}; nothing else is entity-encoded (Slack, "Formatting text
     * for app surfaces", Escaping text). Without it a reason like {@code <!channel>} would ping a channel.
     */
    static String slack(String s) {
        return entities(s, false);
    }

    /**
     * Telegram Bot API HTML style: every {@code <}, {@code >} and {@code &} that is not markup must be
     * {@code &lt;}, {@code &gt;}, {@code &amp;}; {@code &quot;} is one of the four named entities it
     * knows, so {@code "} is escaped as well (safe in text and attribute values alike).
     */
    static String telegramHtml(String s) {
        return entities(s, true);
    }

    /** {@code & < >} as entities, and {@code "} too if {@code quote}: the one rule both formats share. */
    private static String entities(String s, boolean quote) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append(quote ? "&quot;" : "\"");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Plain text (JSON webhook, Alertmanager annotations): nothing to escape, JSON encoding does the rest. */
    static String none(String s) {
        return s;
    }
}
