package io.linkguard.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What on this machine the package may touch, captured before it is installed, so the purge
 * can be checked against it: which of its paths already existed (/usr/bin, /etc, ...), and the
 * systemd enablement links and deb-systemd-helper state.
 */
record PackageState(Set<String> existedBefore, List<String> systemd) {
    private static final List<Path> SYSTEMD_STATE = List.of(Path.of("/etc/systemd/system"),
            Path.of("/var/lib/systemd/deb-systemd-helper-enabled"), Path.of("/var/lib/systemd/deb-systemd-helper-masked"));

    static PackageState capture(Set<String> packagePaths) throws IOException {
        Set<String> existed = packagePaths.stream()
                .filter(p -> Files.exists(Path.of(p), LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toSet());
        List<String> systemd = new ArrayList<>();
        for (Path dir : SYSTEMD_STATE) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted().forEach(p -> systemd.add(p + (Files.isSymbolicLink(p) ? " -> " + target(p) : "")));
            }
        }
        return new PackageState(existed, systemd);
    }

    boolean existed(String path) {
        return existedBefore.contains(path);
    }

    /** Installed, or removed with its config files kept: anything dpkg still knows about. */
    static boolean installed(String pkg) throws IOException, InterruptedException {
        Sh.Result r = Sh.run("dpkg-query", "-W", "-f=${Status}", pkg);
        return r.exit() == 0 && !r.out().contains("not-installed");
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
