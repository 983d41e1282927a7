package io.linkguard.alerts.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractCollection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one entry of {@code alerts.channels}. Secrets are accepted only as {@code *_file} or
 * {@code *_env} references; the file must be readable and the variable set now, so {@code check-config}
 * catches a typo, but the value itself is read when the dispatcher starts.
 */
public final class ChannelParser {

    static final List<String> TYPES = List.of(ChannelConfig.Slack.TYPE, ChannelConfig.Telegram.TYPE,
            ChannelConfig.Webhook.TYPE, ChannelConfig.Alertmanager.TYPE);
    static final List<String> COMMON_KEYS = List.of("name", "type", "rate_limit", "burst", "retry_initial",
            "retry_max", "template", "events", "min_severity");
    static final Map<String, List<String>> TYPE_KEYS = Map.of(
            ChannelConfig.Slack.TYPE, List.of("url_file", "url_env"),
            ChannelConfig.Telegram.TYPE, List.of("base_url", "token_file", "token_env", "chat_id"),
            ChannelConfig.Webhook.TYPE, List.of("url_file", "url_env", "secret_file", "secret_env"),
            ChannelConfig.Alertmanager.TYPE, List.of("url", "url_file", "url_env", "repeat_interval"));
    /** Inline secrets people will try to write, and what to write instead. */
    static final Map<String, Map<String, String>> INLINE_SECRETS = Map.of(
            ChannelConfig.Slack.TYPE, Map.of("url", "url"),
            ChannelConfig.Telegram.TYPE, Map.of("token", "token"),
            ChannelConfig.Webhook.TYPE, Map.of("url", "url", "secret", "secret"),
            ChannelConfig.Alertmanager.TYPE, Map.of());
    /** Defaults from the services' documented limits: Slack ~1 message/s per webhook, Telegram ~20/min per group. */
    public static final Map<String, ChannelConfig.RateLimit> DEFAULT_RATES = Map.of(
            ChannelConfig.Slack.TYPE, new ChannelConfig.RateLimit(1, Duration.ofSeconds(1)),
            ChannelConfig.Telegram.TYPE, new ChannelConfig.RateLimit(20, Duration.ofMinutes(1)),
            ChannelConfig.Webhook.TYPE, new ChannelConfig.RateLimit(60, Duration.ofMinutes(1)),
            ChannelConfig.Alertmanager.TYPE, new ChannelConfig.RateLimit(10, Duration.ofSeconds(1)));
    static final Map<String, Integer> DEFAULT_BURSTS = Map.of(ChannelConfig.Slack.TYPE, 3,
            ChannelConfig.Telegram.TYPE, 3, ChannelConfig.Webhook.TYPE, 10, ChannelConfig.Alertmanager.TYPE, 10);
    static final Duration MIN_REPEAT = Duration.ofSeconds(5);
    static final Duration MAX_REPEAT = Duration.ofHours(1);

    /** Same rule as link names: the name is a Prometheus label value and a directory name. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,6})/([0-9]{0,6})(s|m|min|h)");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

    /** What every channel type has, once valid. */
    private record Common(String name, ChannelConfig.Delivery delivery, Optional<MessageTemplate> template,
                          ChannelFilter filter) {
    }

    private final Problems problems;
    private final Map<String, Integer> nameLines = new HashMap<>();
    private final ChannelSecretParser secrets;

    ChannelParser(Problems problems, Map<String, String> env) {
        this.problems = problems;
        this.secrets = new ChannelSecretParser(problems, env);
    }

    /** The channel at {@code item}; empty if any problem was reported. */
    Optional<ChannelConfig> parse(Field item) {
        int before = problems.count();
        Optional<YamlMapping> maybe = YamlMapping.of(item, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping ch = maybe.get();
        Optional<String> name = ch.required("name").flatMap(this::name);
        Optional<Field> typeField = ch.optional("type");
        if (typeField.isEmpty()) {
            problems.add(ch.self().line(), ch.self().childPath("type"),
                    "required key is missing (one of: " + String.join(", ", TYPES) + ")");
            return Optional.empty();
        }
        Optional<String> type = YamlValues.text(typeField.get(), problems);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!TYPES.contains(type.get())) {
            problems.add(typeField.get(), "unknown channel type " + YamlValues.quote(type.get())
                    + " (expected one of: " + String.join(", ", TYPES) + ")");
            return Optional.empty();
        }
        String t = type.get();
        Map<String, String> inline = INLINE_SECRETS.get(t);
        String article = t.equals(ChannelConfig.Alertmanager.TYPE) ? "an" : "a";
        ch.allowOnly(allowing(Stream.of(COMMON_KEYS, TYPE_KEYS.get(t)).flatMap(List::stream).toList(),
                inline.keySet()), " for " + article + " " + t + " channel");
        inline.forEach((key, base) -> ch.optional(key).ifPresent(f -> problems.add(f,
                "is a secret and is never written in the config: use " + base + "_file or " + base + "_env")));
        Optional<ChannelConfig.Delivery> delivery = delivery(ch, t);
        Optional<MessageTemplate> template = template(ch, t);
        boolean templateOk = ch.optional("template").isEmpty() || template.isPresent();
        Optional<ChannelFilter> filter = ChannelFilterParser.parse(ch, problems);
        Optional<Common> common = name.isPresent() && delivery.isPresent() && templateOk && filter.isPresent()
                ? Optional.of(new Common(name.get(), delivery.get(), template, filter.get()))
                : Optional.empty();
        Optional<? extends ChannelConfig> result = switch (t) {
            case ChannelConfig.Slack.TYPE -> secrets.tokenUrl(ch).flatMap(url -> common.map(c ->
                    new ChannelConfig.Slack(c.name(), url, c.delivery(), c.template(), c.filter())));
            case ChannelConfig.Telegram.TYPE -> telegram(ch, common);
            case ChannelConfig.Webhook.TYPE -> {
                var url = secrets.tokenUrl(ch);
                var secret = secrets.secret(ch, "secret", false);
                yield url.isPresent() && secret.isPresent()
                        ? common.map(c -> new ChannelConfig.Webhook(c.name(), url.get(), secret.get(), c.delivery(),
                        c.template(), c.filter()))
                        : Optional.empty();
            }
            default -> alertmanager(ch, common);
        };
        if (problems.count() != before) {
            return Optional.empty();
        }
        return result.map(ChannelConfig.class::cast);
    }

    /** Allows {@code listed} and {@code hidden}, but names only {@code listed} as expected (hidden get their own message). */
    private static Collection<String> allowing(List<String> listed, Set<String> hidden) {
        return new AbstractCollection<>() {
            @Override
            public Iterator<String> iterator() {
                return listed.iterator();
            }

            @Override
            public int size() {
                return listed.size();
            }

            @Override
            public boolean contains(Object o) {
                return listed.contains(o) || hidden.contains(o);
            }
        };
    }

    private Optional<String> name(Field field) {
        return YamlValues.text(field, problems).filter(name -> {
            if (!NAME.matcher(name).matches()) {
                problems.add(field, "not a valid channel name: " + YamlValues.quote(name) + " (use 1 to 63 lowercase"
                        + " letters, digits, '.', '_' or '-', starting with a letter or digit)");
                return false;
            }
            Integer first = nameLines.putIfAbsent(name, field.line());
            if (first != null) {
                problems.add(field, "duplicate channel name " + YamlValues.quote(name) + " (first at line " + first
                        + ")");
                return false;
            }
            return true;
        });
    }

    private Optional<ChannelConfig.Telegram> telegram(YamlMapping ch, Optional<Common> common) {
        Optional<URI> base = ch.optional("base_url").isPresent()
                ? ch.optional("base_url").flatMap(f -> YamlValues.text(f, problems).flatMap(u -> secrets.url(f, u))
                        .filter(u -> secrets.noProblem(f, TokenUrls.inlineProblem(u))))
                : Optional.of(ChannelConfig.Telegram.DEFAULT_BASE_URL);
        var token = secrets.secret(ch, "token", false);
        Optional<String> chatId = ch.required("chat_id").flatMap(f -> YamlValues.text(f, problems).filter(id -> {
            if (CHAT_ID.matcher(id).matches()) {
                return true;
            }
            problems.add(f, "not a chat id: " + YamlValues.quote(id) + " (a number such as \"-1001234567890\", or"
                    + " @channelusername)");
            return false;
        }));
        if (base.isEmpty() || token.isEmpty() || chatId.isEmpty()) {
            return Optional.empty();
        }
        return common.map(c -> new ChannelConfig.Telegram(c.name(), base.get(), token.get(), chatId.get(),
                c.delivery(), c.template(), c.filter()));
    }

    private Optional<ChannelConfig.Alertmanager> alertmanager(YamlMapping ch, Optional<Common> common) {
        var url = secrets.secret(ch, "url", true);
        var repeat = Durations.optional(ch, "repeat_interval", ChannelConfig.Alertmanager.DEFAULT_REPEAT_INTERVAL,
                MIN_REPEAT, MAX_REPEAT, problems);
        if (url.isEmpty() || repeat.isEmpty()) {
            return Optional.empty();
        }
        return common.map(c -> new ChannelConfig.Alertmanager(c.name(), url.get(), repeat.get(), c.delivery(),
                c.template(), c.filter()));
    }

    private Optional<ChannelConfig.Delivery> delivery(YamlMapping ch, String type) {
        Optional<ChannelConfig.RateLimit> rate = ch.optional("rate_limit").isPresent()
                ? ch.optional("rate_limit").flatMap(this::rate)
                : Optional.of(DEFAULT_RATES.get(type));
        var burst = YamlValues.optionalInt(ch, "burst", DEFAULT_BURSTS.get(type), 1, 1000, "", problems);
        var initial = Durations.optional(ch, "retry_initial", ChannelConfig.Delivery.DEFAULT_RETRY_INITIAL,
                Duration.ofMillis(10), Duration.ofMinutes(1), problems);
        var max = Durations.optional(ch, "retry_max", ChannelConfig.Delivery.DEFAULT_RETRY_MAX, Duration.ofSeconds(1),
                Duration.ofHours(1), problems);
        if (initial.isPresent() && max.isPresent() && max.get().compareTo(initial.get()) < 0) {
            Field at = ch.optional("retry_max").or(() -> ch.optional("retry_initial")).orElseThrow();
            problems.add(at, "retry_max must be at least retry_initial (got retry_max " + Durations.format(max.get())
                    + ", retry_initial " + Durations.format(initial.get()) + ")");
            return Optional.empty();
        }
        if (rate.isEmpty() || burst.isEmpty() || initial.isEmpty() || max.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelConfig.Delivery(rate.get(), burst.get(), initial.get(), max.get()));
    }

    /** {@code N/unit} or {@code N/<whole number><unit>}: {@code 20/min}, {@code 1/s}, {@code 5/10s}. */
    private Optional<ChannelConfig.RateLimit> rate(Field field) {
        return YamlValues.text(field, problems).flatMap(text -> {
            Matcher m = RATE.matcher(text);
            if (!m.matches()) {
                problems.add(field, "not a rate: " + YamlValues.quote(text) + " (write messages/period, e.g. 20/min,"
                        + " 1/s or 5/10s)");
                return Optional.empty();
            }
            long count = Long.parseLong(m.group(1));
            long periods = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
            Duration unit = switch (m.group(3)) {
                case "s" -> Duration.ofSeconds(1);
                case "h" -> Duration.ofHours(1);
                default -> Duration.ofMinutes(1);
            };
            Duration per = unit.multipliedBy(periods);
            if (count < 1 || count > 10_000 || per.compareTo(Duration.ofSeconds(1)) < 0
                    || per.compareTo(Duration.ofHours(1)) > 0) {
                problems.add(field, "must be 1 to 10000 messages per 1s to 1h (got " + YamlValues.quote(text) + ")");
                return Optional.empty();
            }
            return Optional.of(new ChannelConfig.RateLimit((int) count, per));
        });
    }

    private Optional<MessageTemplate> template(YamlMapping ch, String type) {
        Optional<Field> field = ch.optional("template");
        if (field.isEmpty()) {
            return Optional.empty();
        }
        return YamlValues.text(field.get(), problems).flatMap(text -> {
            try {
                MessageTemplate template = MessageTemplate.parse(text);
                if (type.equals(ChannelConfig.Telegram.TYPE)) {
                    template.checkTelegramHtml();
                }
                return Optional.of(template);
            } catch (IllegalArgumentException e) {
                problems.add(field.get(), e.getMessage());
                return Optional.empty();
            }
        });
    }
}
