package io.linkguard.agent.config;

import io.linkguard.config.Durations;
import io.linkguard.config.Field;
import io.linkguard.config.Json;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SequencedMap;

/**
 * Reads one entry of a link's {@code probes:}: its {@code type:} chooses the section (declared next to
 * each {@link ProbeConfig} record) and the one switch below the rules between its keys. Adding a probe
 * type is a record with its keys, a case here and one in {@code ProbeFactories}.
 */
final class ProbeParser {

    /** The {@code type:} key every probe has; checked before its section is chosen. */
    static final Key<String> TYPE_KEY = Key.text("type", null, "the probe type").readByCaller().required();

    /**
     * {@code type:} label to the probe's keys, in the order shown in messages and in the schema. A method,
     * not a constant: the records' sections refer to {@link #TYPE_KEY}, so this class must not need them
     * to initialize.
     */
    static SequencedMap<String, Section> sections() {
        SequencedMap<String, Section> sections = new LinkedHashMap<>();
        sections.put(IcmpProbeConfig.TYPE, IcmpProbeConfig.SECTION);
        sections.put(TcpProbeConfig.TYPE, TcpProbeConfig.SECTION);
        sections.put(BfdProbeConfig.TYPE, BfdProbeConfig.SECTION);
        sections.put(PmtuProbeConfig.TYPE, PmtuProbeConfig.SECTION);
        return sections;
    }

    /** The JSON Schema of one probe: the keys of the section its {@code type} chooses. */
    static Map<String, Object> schema() {
        List<Object> cases = new ArrayList<>();
        sections().forEach((type, section) -> cases.add(Json.object(
                "if", Json.object("properties", Json.object("type", Json.object("const", type))),
                "then", section.schema(Map.of("type", Json.object("const", type))))));
        return Json.object("type", "object", "required", List.of("type"),
                "properties", Json.object("type", Json.object("enum", List.copyOf(sections().sequencedKeySet()),
                        "description", "the probe type")),
                "allOf", cases);
    }

    private final ConfigProblems problems;

    ProbeParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** {@code icmp, tcp, bfd, pmtu}, for messages. */
    static String names() {
        return String.join(", ", sections().sequencedKeySet());
    }

    /** The probe at {@code item}, or empty if any problem was reported. */
    Optional<ProbeConfig> parse(Field item, LinkContext link) {
        Optional<YamlMapping> maybe = YamlMapping.of(item, problems);
        if (maybe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping probe = maybe.get();
        Optional<Field> typeField = probe.optional("type");
        if (typeField.isEmpty()) {
            problems.add(probe.self().line(), probe.self().childPath("type"),
                    "required key is missing (one of: " + names() + ")");
            return Optional.empty();
        }
        Optional<String> type = YamlValues.text(typeField.get(), problems);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Optional<? extends ProbeConfig> result = switch (type.get()) {
            case IcmpProbeConfig.TYPE -> icmp(probe, link);
            case TcpProbeConfig.TYPE -> tcp(TcpProbeConfig.SECTION.bind(probe, problems, Map.of(TcpProbeConfig.PORT,
                    (Key.Reader<Integer>) (f, p) -> TcpProbeConfig.PORT.read(f, p)
                            .filter(port -> link.claimUnique("tcp probe to port " + port, f)))));
            case BfdProbeConfig.TYPE -> new BfdProbeParser(problems).parse(probe, link);
            case PmtuProbeConfig.TYPE -> pmtu(probe, link);
            default -> {
                problems.add(typeField.get(), "unknown probe type " + YamlValues.quote(type.get())
                        + " (expected one of: " + names() + ")");
                yield Optional.empty();
            }
        };
        return result.map(ProbeConfig.class::cast);
    }

    private Optional<IcmpProbeConfig> icmp(YamlMapping probe, LinkContext link) {
        // Without a valid peer the family is unknown: check against the larger (IPv6) limit.
        boolean ipv4 = link.peer().map(peer -> !(peer instanceof Inet6Address)).orElse(false);
        boolean ipv6 = link.peer().map(peer -> peer instanceof Inet6Address).orElse(false);
        Key.Reader<Integer> size = (field, p) -> YamlValues.integer(field, 0,
                ipv4 ? IcmpProbeConfig.MAX_SIZE_IPV4 : IcmpProbeConfig.MAX_SIZE_IPV6,
                ipv4 ? " for an IPv4 peer" : ipv6 ? " for an IPv6 peer" : "", false, p).map(Long::intValue);
        Values v = IcmpProbeConfig.SECTION.bind(probe, problems, Map.of(IcmpProbeConfig.SIZE, size));
        return v.valid()
                ? Optional.of(new IcmpProbeConfig(v.value(IcmpProbeConfig.INTERVAL), v.value(IcmpProbeConfig.TIMEOUT),
                        v.value(IcmpProbeConfig.SIZE), v.value(IcmpProbeConfig.DF), v.value(IcmpProbeConfig.TOS),
                        v.value(IcmpProbeConfig.WINDOW)))
                : Optional.empty();
    }

    private Optional<TcpProbeConfig> tcp(Values v) {
        Optional<Duration> interval = v.get(TcpProbeConfig.INTERVAL);
        Optional<Duration> timeout = v.get(TcpProbeConfig.TIMEOUT);
        if (interval.isPresent() && timeout.isPresent() && timeout.get().compareTo(interval.get()) >= 0) {
            reportTimeoutNotBelowInterval(v, timeout.get(), interval.get());
        }
        return v.valid()
                ? Optional.of(new TcpProbeConfig(v.value(TcpProbeConfig.PORT), interval.get(), timeout.get()))
                : Optional.empty();
    }

    /** Reported at the timeout if it is set, else at the interval (the default timeout is too long). */
    private void reportTimeoutNotBelowInterval(Values v, Duration timeout, Duration interval) {
        YamlMapping probe = v.mapping();
        Optional<Field> timeoutField = v.field(TcpProbeConfig.TIMEOUT);
        Optional<Field> intervalField = v.field(TcpProbeConfig.INTERVAL);
        String intervalText = intervalField.map(YamlValues::scalarText).orElse(Durations.format(interval) + " (default)");
        if (timeoutField.isPresent()) {
            problems.add(timeoutField.get(), "must be less than the interval (got timeout "
                    + YamlValues.scalarText(timeoutField.get()) + ", interval " + intervalText + ")");
        } else {
            problems.add(intervalField.map(Field::line).orElse(probe.self().line()), probe.self().childPath("timeout"),
                    "the default timeout " + Durations.format(timeout) + " is not less than the interval "
                            + intervalText + ": set a shorter timeout");
        }
    }

    private Optional<PmtuProbeConfig> pmtu(YamlMapping probe, LinkContext link) {
        boolean ipv6 = link.peer().map(p -> p instanceof Inet6Address).orElse(false);
        int min = ipv6 ? PmtuProbeConfig.MIN_V6 : PmtuProbeConfig.MIN_V4;
        String family = link.peer().isEmpty() ? "" : ipv6 ? " for an IPv6 peer" : " for an IPv4 peer";
        Key.Reader<Integer> size = (field, p) -> YamlValues.integer(field, min, PmtuProbeConfig.MAX_MTU, family,
                false, p).map(Long::intValue);
        // One search per link: two would race for the same path and double the probe load.
        Key.Reader<String> unique = (field, p) -> Optional.of(PmtuProbeConfig.TYPE)
                .filter(type -> link.claimUnique("pmtu probe", field));
        Values v = PmtuProbeConfig.SECTION.bind(probe, problems,
                Map.of(TYPE_KEY, unique, PmtuProbeConfig.EXPECTED, size, PmtuProbeConfig.MAX, size));
        if (!v.valid()) {
            return Optional.empty();
        }
        OptionalInt expected = v.get(PmtuProbeConfig.EXPECTED).map(OptionalInt::of).orElse(OptionalInt.empty());
        OptionalInt max = v.get(PmtuProbeConfig.MAX).map(OptionalInt::of).orElse(OptionalInt.empty());
        if (expected.isPresent() && max.isPresent() && expected.getAsInt() > max.getAsInt()) {
            problems.add(v.field(PmtuProbeConfig.EXPECTED).orElseThrow(), "must not exceed max (got expected "
                    + expected.getAsInt() + ", max " + max.getAsInt() + ")");
            return Optional.empty();
        }
        return Optional.of(new PmtuProbeConfig(v.value(PmtuProbeConfig.INTERVAL),
                v.value(PmtuProbeConfig.CHECK_INTERVAL), expected, v.value(PmtuProbeConfig.DEGRADE), max,
                v.value(PmtuProbeConfig.TIMEOUT), v.value(PmtuProbeConfig.MAX_PROBES)));
    }
}
