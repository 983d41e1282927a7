package io.linkguard.agent.failover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Routing table names to numbers, as {@code ip route ... table NAME} reads them: the kernel's reserved
 * tables (rtnetlink(7): RT_TABLE_DEFAULT 253, RT_TABLE_MAIN 254, RT_TABLE_LOCAL 255), then
 * {@code /etc/iproute2/rt_tables} and its {@code rt_tables.d/*.conf}, then the distribution's copy under
 * {@code /usr/share/iproute2}. Lines are {@code NUMBER NAME}; {@code #} starts a comment.
 */
public final class RouteTables {
    /** RT_TABLE_MAIN: where a route goes when no table is named. */
    public static final int MAIN = 254;
    private static final Map<String, Integer> RESERVED = Map.of("default", 253, "main", MAIN, "local", 255);
    private static final List<Path> FILES = List.of(Path.of("/etc/iproute2/rt_tables"),
            Path.of("/usr/share/iproute2/rt_tables"));
    private static final Path DROP_INS = Path.of("/etc/iproute2/rt_tables.d");

    private RouteTables() {
    }

    /** The table's number; empty (no table named) is main. Throws, naming the files read, if it is unknown. */
    public static int resolve(Optional<String> table) throws IOException {
        if (table.isEmpty()) {
            return MAIN;
        }
        String t = table.get();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            return (int) Long.parseLong(t); // the config allows 1..4294967295: the u32 RTA_TABLE, as its bits
        }
        Integer reserved = RESERVED.get(t);
        if (reserved != null) {
            return reserved;
        }
        List<Path> files = new ArrayList<>(FILES);
        if (Files.isDirectory(DROP_INS)) {
            try (Stream<Path> s = Files.list(DROP_INS)) {
                s.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().forEach(files::add);
            }
        }
        for (Path f : files) {
            if (Files.isReadable(f)) {
                Optional<Integer> n = lookup(Files.readAllLines(f), t);
                if (n.isPresent()) {
                    return n.get();
                }
            }
        }
        throw new IOException("routing table '" + t + "' is in none of " + FILES.getFirst() + ", " + DROP_INS
                + "/*.conf, " + FILES.get(1) + ": add it there or use its number");
    }

    /** Pure: the number of {@code name} in rt_tables lines; bad lines are skipped, as iproute2 does. */
    static Optional<Integer> lookup(List<String> lines, String name) {
        for (String line : lines) {
            String l = line.strip();
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash).strip();
            }
            String[] f = l.split("\\s+");
            if (f.length >= 2 && f[1].equals(name)) {
                try {
                    long n = f[0].startsWith("0x") ? Long.parseLong(f[0].substring(2), 16) : Long.parseLong(f[0]);
                    if (n >= 0 && n <= 0xFFFF_FFFFL) {
                        return Optional.of((int) n);
                    }
                } catch (NumberFormatException e) {
                    // iproute2 skips a line it cannot read; so do we
                }
            }
        }
        return Optional.empty();
    }
}
