package io.linkguard.alerts.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one entry of {@code alerts.channels}. Secrets are accepted only as {@code *_file} or
 * {@code *_env} references; the file must be readable and the variable set now, so {@code check-config}
 * catches a typo, but the value itself is read when the dispatcher starts.
 */
public final class ChannelParser {

    static final List<String> TYPES = List.of(ChannelConfig.Slack.TYPE, ChannelConfig.Telegram.TYPE,
            ChannelConfig.Webhook.TYPE, ChannelConfig.Alertmanager.TYPE);
    static final Key<String> NAME = Key.text("name", null, "unique; the same rule as link names (a Prometheus label"
            + " value)").required();
    static final Key<String> TYPE = Key.label("type", null, t -> t, "channel type", "the channel type",
            TYPES.toArray(String[]::new)).readByCaller().required();
    static final Key<MessageTemplate> TEMPLATE = Key.<MessageTemplate>of("template", null, null,
            Json.object("type", "string"), "one event's text: {{kind}} {{severity}} {{link}} {{state}} {{reason}}"
                    + " {{at}} {{since}} {{node}} {{title}} {{figures}} and the figures {{rtt_ms}} {{loss_pct}}"
                    + " {{jitter_ms}} {{bfd_diag}} {{bfd_peer}} {{active_path}} {{pmtu_bytes}} {{expected_mtu_bytes}}"
                    + " {{ptb_seen}} {{black_hole}} (absent: -); values are escaped for the channel, the literal text"
                    + " may use its markup (Telegram: <b> <i> <code> <pre>)").readByCaller();
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

    /** Same rule as link names: the name is a Prometheus label value and a directory name. */
    private static final Pattern NAME_PATTERN = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern RATE = Pattern.compile("([0-9]{1,6})/([0-9]{0,6})(s|m|min|h)");
    private static final Pattern CHAT_ID = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31}");

    /** What every channel type has, once valid. */
    private record Common(String name, ChannelConfig.Delivery delivery, Optional<MessageTemplate> template,
                          ChannelFilter filter) {
    }

    private final ConfigProblems problems;
    private final Map<String, Integer> nameLines = new HashMap<>();
    private final ChannelSecretParser secrets;

    ChannelParser(ConfigProblems problems, Map<String, String> env) {
        this.problems = problems;
        this.secrets = new ChannelSecretParser(problems, env);
    }

    /** The keys of a channel of {@code type}: the common ones, then the type's own. */
    static Section section(String type) {
        List<Key<?>> own = switch (type) {
            case ChannelConfig.Slack.TYPE -> ChannelConfig.Slack.KEYS;
            case ChannelConfig.Telegram.TYPE -> ChannelConfig.Telegram.KEYS;
            case ChannelConfig.Webhook.TYPE -> ChannelConfig.Webhook.KEYS;
            default -> ChannelConfig.Alertmanager.KEYS;
        };
        String article = type.equals(ChannelConfig.Alertmanager.TYPE) ? "an" : "a";
        return new Section(" for " + article + " " + type + " channel", NAME, TYPE).with(ChannelConfig.Delivery.KEYS)
                .with(List.of(TEMPLATE)).with(ChannelFilter.KEYS).with(own).hiding(INLINE_SECRETS.get(type).keySet());
    }

    /** The JSON Schema of one channel: the keys of the section its {@code type} chooses. */
    static Map<String, Object> schema() {
        List<Object> cases = TYPES.stream().<Object>map(type -> Json.object(
                "if", Json.object("properties", Json.object("type", Json.object("const", type))),
                "then", section(type).schema(Map.of("type", Json.object("const", type))))).toList();
        return Json.object("type", "object", "required", List.of("name", "type"),
                "properties", Json.object("type", TYPE.schema()), "allOf", cases);
    }

    /** The channel at {@code item}; empty if any problem was reported. */
    Optional<ChannelConfig> parse(Field item) {
        int before = problems.count();
        Optional<YamlMapping> maybe = YamlMapping.of(item, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping ch = maybe.get();
        Optional<Field> typeField = ch.optional("type");
        Optional<String> known = typeField.filter(f -> f.node() instanceof ScalarNode s && TYPES.contains(s.getValue()))
                .map(f -> ((ScalarNode) f.node()).getValue());
        if (known.isEmpty()) {
            ch.required("name").flatMap(f -> name(f, problems));
            if (typeField.isEmpty()) {
                problems.add(ch.self().line(), ch.self().childPath("type"),
                        "required key is missing (one of: " + String.join(", ", TYPES) + ")");
            } else {
                YamlValues.text(typeField.get(), problems).ifPresent(t -> problems.add(typeField.get(),
                        "unknown channel type " + YamlValues.quote(t) + " (expected one of: " + String.join(", ", TYPES)
                                + ")"));
            }
            return Optional.empty();
        }
        String t = known.get();
        Values v = section(t).bind(ch, problems, Map.of(NAME, (Key.Reader<String>) this::name,
                TEMPLATE, (Key.Reader<MessageTemplate>) (f, p) -> template(f, t)));
        INLINE_SECRETS.get(t).forEach((key, base) -> ch.optional(key).ifPresent(f -> problems.add(f,
                "is a secret and is never written in the config: use " + base + "_file or " + base + "_env")));
        Optional<ChannelConfig.Delivery> delivery = delivery(v, t);
        Optional<MessageTemplate> template = v.get(TEMPLATE);
        boolean templateOk = v.field(TEMPLATE).isEmpty() || template.isPresent();
        Optional<ChannelFilter> filter = ChannelFilterParser.parse(ch, problems);
        Optional<String> name = v.get(NAME);
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
            default -> {
                var url = secrets.secret(ch, "url", true);
                var repeat = v.get(ChannelConfig.Alertmanager.REPEAT_INTERVAL);
                yield url.isPresent() && repeat.isPresent()
                        ? common.map(c -> new ChannelConfig.Alertmanager(c.name(), url.get(), repeat.get(),
                        c.delivery(), c.template(), c.filter()))
                        : Optional.empty();
            }
        };
        if (problems.count() != before) {
            return Optional.empty();
        }
        return result.map(ChannelConfig.class::cast);
    }

    private Optional<String> name(Field field, ConfigProblems p) {
        return YamlValues.text(field, problems).filter(name -> {
            if (!NAME_PATTERN.matcher(name).matches()) {
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

    private Optional<ChannelConfig.Delivery> delivery(Values v, String type) {
        Optional<ChannelConfig.RateLimit> rate = v.field(ChannelConfig.Delivery.RATE_LIMIT).isPresent()
                ? v.field(ChannelConfig.Delivery.RATE_LIMIT).flatMap(this::rate)
                : Optional.of(DEFAULT_RATES.get(type));
        Optional<Integer> burst = v.field(ChannelConfig.Delivery.BURST).isPresent()
                ? v.get(ChannelConfig.Delivery.BURST)
                : Optional.of(DEFAULT_BURSTS.get(type));
        var initial = v.get(ChannelConfig.Delivery.RETRY_INITIAL);
        var max = v.get(ChannelConfig.Delivery.RETRY_MAX);
        if (initial.isPresent() && max.isPresent() && max.get().compareTo(initial.get()) < 0) {
            Field at = v.field(ChannelConfig.Delivery.RETRY_MAX).or(() -> v.field(ChannelConfig.Delivery.RETRY_INITIAL))
                    .orElseThrow();
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

    private Optional<MessageTemplate> template(Field field, String type) {
        return YamlValues.text(field, problems).flatMap(text -> {
            try {
                MessageTemplate template = MessageTemplate.parse(text);
                if (type.equals(ChannelConfig.Telegram.TYPE)) {
                    template.checkTelegramHtml();
                }
                return Optional.of(template);
            } catch (IllegalArgumentException e) {
                problems.add(field, e.getMessage());
                return Optional.empty();
            }
        });
    }
}
