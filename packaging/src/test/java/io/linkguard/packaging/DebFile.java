package io.linkguard.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The built .deb: where it is, and what {@code dpkg-deb} says is in it. */
final class DebFile {
    private DebFile() {
    }

    /** The newest linkguard_*_ARCH.deb in DIR (jdeb writes it in the package phase). */
    static Path find(Path dir, String arch) throws IOException {
        assertThat(dir).as("package build directory (mvn -pl packaging -am package)").isDirectory();
        try (Stream<Path> files = Files.list(dir)) {
            Path deb = files.filter(p -> p.getFileName().toString().matches("linkguard_.+_" + arch + "\\.deb"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
            assertThat(deb).as("no linkguard_*_%s.deb in %s: the package was not built", arch, dir).isNotNull();
            return deb;
        }
    }

    /** The Debian version jdeb writes for a Maven version: 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT. */
    static String debianVersion(String mavenVersion) {
        String snapshot = System.getenv("LINKGUARD_DEB_SNAPSHOT");
        return mavenVersion.replaceFirst("-SNAPSHOT$",
                "~" + (snapshot == null || snapshot.isEmpty() ? "SNAPSHOT" : snapshot));
    }

    /** Path (as installed, no trailing slash) to its mode string, e.g. "-rwxr-xr-x", from dpkg-deb --contents. */
    static Map<String, String> modes(Path deb) throws IOException, InterruptedException {
        Map<String, String> modes = new LinkedHashMap<>();
        // "-rw-r--r-- root/root  957 2026-11-22 04:37 ./usr/lib/linkguard/jvm.options"
        for (String line : Sh.ok("dpkg-deb", "--contents", deb.toString()).lines().toList()) {
            String[] f = line.trim().split("\\s+", 6);
            String path = f[5].replaceFirst(" -> .*$", "").replaceFirst("^\\./", "/").replaceFirst("(.)/$", "$1");
            modes.put(path, f[0]);
        }
        return modes;
    }

    static Set<String> paths(Path deb) throws IOException, InterruptedException {
        return Set.copyOf(modes(deb).keySet());
    }
}
