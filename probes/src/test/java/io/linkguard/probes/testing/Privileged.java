package io.linkguard.probes.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gate for tests that need root (raw sockets, network namespaces). They skip
 * with a clear message when run unprivileged, and fail instead of skipping
 * when LINKGUARD_REQUIRE_NETNS=1 (CI sets it), so CI cannot pass by skipping.
 */
public final class Privileged {
    private Privileged() {
    }

    public static boolean required() {
        return "1".equals(System.getenv("LINKGUARD_REQUIRE_NETNS"));
    }

    public static boolean isRoot() {
        try {
            return Files.readString(Path.of("/proc/self/status")).lines()
                    .filter(l -> l.startsWith("Uid:"))
                    .anyMatch(l -> l.split("\\s+")[2].equals("0"));
        } catch (Exception e) {
            return false;
        }
    }

    /** Skips (or fails, under LINKGUARD_REQUIRE_NETNS=1) unless running as root. */
    public static void assumeRoot() {
        if (isRoot()) {
            return;
        }
        String why = "needs root (raw sockets / network namespaces); run the tests as root";
        if (required()) {
            throw new AssertionError("LINKGUARD_REQUIRE_NETNS=1 but " + why);
        }
        Assumptions.abort(why);
    }
}
