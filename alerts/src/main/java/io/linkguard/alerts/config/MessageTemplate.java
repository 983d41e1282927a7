package io.linkguard.alerts.config;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operator's template for the text of one alert event: literal text with {@code {{name}}}
 * placeholders. Only {@link #PLACEHOLDERS} are known; anything else is a config error, so a typo
 * shows at {@code check-config} and not as a blank in the middle of an incident. The channel escapes
 * the substituted values for its format (Slack mrkdwn, Telegram HTML); the literal text is sent as
 * written, so it may carry the channel's own markup.
 *
 * @param text  the template as written
 * @param parts the text split into literals and placeholders, in order
 */
public record MessageTemplate(String text, List<Part> parts) {

    /** Event fields. */
    public static final List<String> EVENT_FIELDS = List.of("kind", "severity", "link", "state", "reason", "at",
            "since", "node", "title", "figures");
    /** Figures producers attach to events; a figure an event does not carry renders as {@code -}. */
    public static final List<String> FIGURES = List.of("rtt_ms", "loss_pct", "jitter_ms", "bfd_diag", "bfd_peer",
            "active_path", "pmtu_bytes", "expected_mtu_bytes", "ptb_seen", "black_hole");
    public static final Set<String> PLACEHOLDERS = Set.copyOf(
            java.util.stream.Stream.concat(EVENT_FIELDS.stream(), FIGURES.stream()).toList());
    static final int MAX_LENGTH = 2000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    /** Telegram's HTML mode accepts these tags; we allow the ones without attributes. */
    private static final Set<String> TELEGRAM_TAGS = Set.of("b", "i", "code", "pre");
    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z]*)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");

    /** A piece of the template: literal text, or a placeholder name. */
    public sealed interface Part {
    }

    public record Literal(String text) implements Part {
    }

    public record Placeholder(String name) implements Part {
    }

    public MessageTemplate {
        Objects.requireNonNull(text, "text");
        parts = List.copyOf(parts);
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException with a message for the operator
     */
    public static MessageTemplate parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a template is at most " + MAX_LENGTH + " characters (got "
                    + text.length() + ")");
        }
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int at = 0;
        while (m.find()) {
            literal(text.substring(at, m.start()), parts);
            String name = m.group(1);
            if (!PLACEHOLDERS.contains(name)) {
                throw new IllegalArgumentException("unknown placeholder {{" + name + "}} (expected one of: "
                        + String.join(", ", EVENT_FIELDS) + ", " + String.join(", ", FIGURES) + ")");
            }
            parts.add(new Placeholder(name));
            at = m.end();
        }
        literal(text.substring(at), parts);
        return new MessageTemplate(text, parts);
    }

    private static void literal(String text, List<Part> parts) {
        if (text.contains("{{") || text.contains("}}")) {
            throw new IllegalArgumentException("unbalanced {{ or }} in the template (placeholders are written "
                    + "{{name}})");
        }
        if (!text.isEmpty()) {
            parts.add(new Literal(text));
        }
    }

    /**
     * Checks the literal text is valid Telegram HTML: only {@code b}, {@code i}, {@code code} and
     * {@code pre} tags, properly nested, and {@code &} only as an entity Telegram knows (Bot API,
     * "HTML style"). Telegram rejects the whole message otherwise.
     *
     * @throws IllegalArgumentException naming the problem
     */
    public void checkTelegramHtml() {
        Deque<String> open = new ArrayDeque<>();
        for (Part p : parts) {
            if (!(p instanceof Literal(String lit))) {
                continue;
            }
            for (int i = 0; i < lit.length(); i++) {
                char c = lit.charAt(i);
                if (c == '&') {
                    Matcher e = ENTITY.matcher(lit).region(i, lit.length());
                    if (!e.lookingAt()) {
                        throw new IllegalArgumentException("a literal & must be written &amp; in Telegram HTML");
                    }
                } else if (c == '>') {
                    throw new IllegalArgumentException("a literal > must be written &gt; in Telegram HTML");
                } else if (c == '<') {
                    Matcher t = TAG.matcher(lit).region(i, lit.length());
                    if (!t.lookingAt() || !TELEGRAM_TAGS.contains(t.group(2))) {
                        throw new IllegalArgumentException("only the tags <b>, <i>, <code> and <pre> are allowed "
                                + "(write a literal < as &lt;)");
                    }
                    String tag = t.group(2);
                    if (t.group(1).isEmpty()) {
                        open.push(tag);
                    } else if (open.isEmpty() || !open.pop().equals(tag)) {
                        throw new IllegalArgumentException("</" + tag + "> closes a tag that is not open");
                    }
                    i = t.end() - 1;
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalArgumentException("<" + open.peek() + "> is not closed");
        }
    }
}
