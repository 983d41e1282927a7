package io.linkguard.agent.config;

import io.linkguard.config.Field;
import io.linkguard.config.Problems;
import io.linkguard.config.YamlMapping;
import io.linkguard.config.YamlValues;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Reads the {@code links:} list. */
final class LinkParser {

    static final List<String> KEYS = List.of("name", "peer", "source", "interface", "fwmark", "probes", "health",
            "paths");

    private final Problems problems;
    /** Link name to the line where it was first used. */
    private final Map<String, Integer> nameLines = new HashMap<>();

    LinkParser(Problems problems) {
        this.problems = problems;
    }

    /**
     * Reads all links; reports an empty list at {@code links}' line.
     *
     * @return the valid links (the caller fails the whole config if any problem was reported)
     */
    List<LinkConfig> parseAll(Field links) {
        List<LinkConfig> result = new ArrayList<>();
        YamlValues.list(links, problems).ifPresent(items -> {
            if (items.isEmpty()) {
                problems.add(links, "at least one link is required");
            }
            for (Field item : items) {
                parseLink(item).ifPresent(result::add);
            }
        });
        return result;
    }

    private Optional<LinkConfig> parseLink(Field item) {
        int before = problems.count();
        Optional<YamlMapping> maybeLink = YamlMapping.of(item, problems);
        if (maybeLink.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping link = maybeLink.get();
        link.allowOnly(KEYS);

        Optional<String> name = link.required("name")
                .flatMap(field -> Names.readLinkName(field, problems).filter(n -> isNewName(n, field)));
        Optional<InetAddress> peer = link.required("peer")
                .flatMap(field -> Addresses.readUnicastIp(field, problems));
        Optional<InetAddress> source = link.optional("source")
                .flatMap(field -> Addresses.readUnicastIp(field, problems)
                        .filter(address -> sameFamily(address, peer, field)));
        Optional<String> iface = link.optional("interface")
                .flatMap(field -> Names.readInterfaceName(field, problems));
        Optional<Long> fwmark = link.optional("fwmark")
                .flatMap(field -> YamlValues.integer(field, 1, 0xFFFF_FFFFL, "", true, problems));
        List<ProbeConfig> probes = link.required("probes")
                .map(field -> parseProbes(field,
                        new LinkContext(peer, source, link.optional("source").isPresent(), problems)))
                .orElse(List.of());
        Optional<LinkHealthConfig> health = link.optional("health")
                .map(field -> new HealthParser(problems).parse(field))
                .orElse(Optional.of(LinkHealthConfig.DEFAULTS));
        Optional<List<PathConfig>> paths = link.optional("paths")
                .map(field -> new PathParser(problems).parse(field))
                .orElse(Optional.of(List.of()));

        if (problems.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new LinkConfig(name.orElseThrow(), peer.orElseThrow(), source, iface,
                fwmark.map(OptionalLong::of).orElse(OptionalLong.empty()), probes, health.orElseThrow(),
                paths.orElseThrow()));
    }

    private boolean isNewName(String name, Field field) {
        Integer first = nameLines.putIfAbsent(name, field.line());
        if (first != null) {
            problems.add(field, "duplicate link name " + YamlValues.quote(name) + " (first at line " + first + ")");
            return false;
        }
        return true;
    }

    private boolean sameFamily(InetAddress source, Optional<InetAddress> peer, Field field) {
        if (peer.isEmpty() || source.getClass() == peer.get().getClass()) {
            return true;
        }
        problems.add(field, "must be the same address family as peer (source is " + Addresses.family(source)
                + ", peer is " + Addresses.family(peer.get()) + ")");
        return false;
    }

    private List<ProbeConfig> parseProbes(Field probes, LinkContext context) {
        List<ProbeConfig> result = new ArrayList<>();
        YamlValues.list(probes, problems).ifPresent(items -> {
            if (items.isEmpty()) {
                problems.add(probes, "at least one probe is required");
            }
            for (Field item : items) {
                parseProbe(item, context).ifPresent(result::add);
            }
        });
        return result;
    }

    private Optional<ProbeConfig> parseProbe(Field item, LinkContext context) {
        Optional<YamlMapping> maybeProbe = YamlMapping.of(item, problems);
        if (maybeProbe.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping probe = maybeProbe.get();
        Optional<Field> typeField = probe.optional("type");
        if (typeField.isEmpty()) {
            problems.add(probe.self().line(), probe.self().childPath("type"),
                    "required key is missing (one of: " + ProbeTypes.names() + ")");
            return Optional.empty();
        }
        Optional<String> type = YamlValues.text(typeField.get(), problems);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ProbeParser parser = ProbeTypes.PARSERS.get(type.get());
        if (parser == null) {
            problems.add(typeField.get(), "unknown probe type " + YamlValues.quote(type.get())
                    + " (expected one of: " + ProbeTypes.names() + ")");
            return Optional.empty();
        }
        probe.allowOnly(Stream.concat(Stream.of("type"), parser.keys().stream()).toList(),
                " for a " + type.get() + " probe");
        return parser.parse(probe, context, problems);
    }
}
