package io.linkguard.agent.config;

import static io.linkguard.agent.config.LinkConfig.INTERFACE;
import static io.linkguard.agent.config.LinkConfig.NAME;
import static io.linkguard.agent.config.LinkConfig.PEER;
import static io.linkguard.agent.config.LinkConfig.PROBES;
import static io.linkguard.agent.config.LinkConfig.SOURCE;

import io.linkguard.config.Field;
import io.linkguard.config.Key;
import io.linkguard.config.ConfigProblems;
import io.linkguard.config.Section.Values;
import io.linkguard.config.YamlValues;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the {@code links:} list; the keys of a link are declared in {@link LinkConfig}. */
final class LinkParser {

    private final ConfigProblems problems;
    private final ProbeParser probeParser;
    /** Link name to the line where it was first used. */
    private final Map<String, Integer> nameLines = new HashMap<>();

    LinkParser(ConfigProblems problems) {
        this.problems = problems;
        this.probeParser = new ProbeParser(problems);
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
                LinkConfig.SECTION.bind(item, problems, new Link().readers()).flatMap(this::link)
                        .ifPresent(result::add);
            }
        });
        return result;
    }

    private Optional<LinkConfig> link(Values v) {
        return v.valid()
                ? Optional.of(new LinkConfig(v.value(NAME), v.value(PEER), v.get(SOURCE), v.get(LinkConfig.INTERFACE),
                        v.get(LinkConfig.FWMARK).map(OptionalLong::of).orElse(OptionalLong.empty()), v.value(PROBES),
                        v.value(LinkConfig.HEALTH), v.value(LinkConfig.PATHS)))
                : Optional.empty();
    }

    /** The keys of one link whose rules need the link's other keys, read in declaration order. */
    private final class Link {
        private Optional<InetAddress> peer = Optional.empty();
        private boolean sourceGiven;
        private Optional<String> iface = Optional.empty();

        Map<Key<?>, Key.Reader<?>> readers() {
            return Map.of(NAME, (Key.Reader<String>) (f, p) -> NAME.read(f, p).filter(n -> isNewName(n, f)),
                    PEER, (Key.Reader<InetAddress>) (f, p) -> peer = PEER.read(f, p),
                    SOURCE, (Key.Reader<InetAddress>) (f, p) -> {
                        sourceGiven = true;
                        return SOURCE.read(f, p).filter(source -> sameFamily(source, f));
                    },
                    INTERFACE, (Key.Reader<String>) (f, p) -> iface = INTERFACE.read(f, p),
                    PROBES, (Key.Reader<List<ProbeConfig>>) (f, p) ->
                            Optional.of(probes(f, new LinkContext(peer, sourceGiven, problems, iface))));
        }

        private boolean sameFamily(InetAddress source, Field field) {
            if (peer.isEmpty() || source.getClass() == peer.get().getClass()) {
                return true;
            }
            problems.add(field, "must be the same address family as peer (source is " + IpLiterals.family(source)
                    + ", peer is " + IpLiterals.family(peer.get()) + ")");
            return false;
        }
    }

    private boolean isNewName(String name, Field field) {
        Integer first = nameLines.putIfAbsent(name, field.line());
        if (first != null) {
            problems.add(field, "duplicate link name " + YamlValues.quote(name) + " (first at line " + first + ")");
            return false;
        }
        return true;
    }

    private List<ProbeConfig> probes(Field field, LinkContext context) {
        List<ProbeConfig> result = new ArrayList<>();
        YamlValues.list(field, problems).ifPresent(items -> {
            if (items.isEmpty()) {
                problems.add(field, "at least one probe is required");
            }
            for (Field item : items) {
                probeParser.parse(item, context).ifPresent(result::add);
            }
        });
        return result;
    }
}
