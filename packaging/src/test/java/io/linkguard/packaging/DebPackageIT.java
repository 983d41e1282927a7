package io.linkguard.packaging;

import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Debian package end to end on this machine, as an operator uses it: its metadata and
 * contents, {@code dpkg -i}, the launcher on the packaged runtime, check-config, one run of the
 * agent as the unit runs it (user linkguard, CAP_NET_RAW) with a scrape of /metrics, the unit
 * file checked statically (systemd is not PID 1 in CI), and {@code dpkg --purge} leaving nothing
 * behind but an operator's own files. The steps run in order on one installation; the package is purged even when a step
 * fails. Needs root and dpkg: skips without them, fails under LINKGUARD_REQUIRE_NETNS=1.
 */
@Tag("privileged")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackageIT {
    private static final String PKG = "linkguard";
    private static final String LIB = "/usr/lib/linkguard";
    private static final String CONFIG = "/etc/linkguard/linkguard.yml";
    private static final String UNIT = "/lib/systemd/system/linkguard.service";

    private final String version = System.getProperty("linkguard.version", "0.1.0-SNAPSHOT");
    private Path deb;
    private PackageState before;
    private Set<String> contents;
    private List<String> installedFiles;

    @BeforeAll
    void preconditions() throws Exception {
        Privileged.assumeRoot();
        assertThat(Path.of("/usr/bin/dpkg")).as("dpkg (this test installs the package)").exists();
        deb = DebFile.find(Path.of(System.getProperty("linkguard.deb.dir", "target")),
                System.getProperty("linkguard.deb.arch", "amd64"));
        if (PackageState.installed(PKG)) {
            // Left by a run that was killed before its clean-up: CI machines may be reused.
            assertThat(System.getenv("CI")).as("package %s is already installed here; purge it first "
                    + "(dpkg --purge %s): this test installs and purges its own build", PKG, PKG).isNotBlank();
            Sh.ok("dpkg", "--purge", PKG);
        }
        assertThat(Sh.run("getent", "passwd", PKG).exit())
                .as("a user %s exists without the package: the purge test would delete it", PKG).isNotZero();
        contents = DebFile.paths(deb);
        before = PackageState.capture(contents);
    }

    @Test
    @Order(1)
    void packageMetadataAndContents() throws Exception {
        String info = Sh.ok("dpkg-deb", "--info", deb.toString());
        assertThat(info).contains("Package: linkguard")
                .contains("Version: " + DebFile.debianVersion(version))
                .contains("Architecture: " + System.getProperty("linkguard.deb.arch", "amd64"))
                .containsPattern("Depends: .*iproute2")
                .doesNotContainPattern("Depends: .*(jre|jdk|java)");
        assertThat(Sh.ok("dpkg-deb", "--info", deb.toString(), "conffiles").lines())
                .containsExactly(CONFIG);
        Map<String, String> modes = DebFile.modes(deb);
        assertThat(modes).containsEntry("/usr/bin/linkguard", "-rwxr-xr-x")
                .containsEntry(LIB + "/runtime/bin/java", "-rwxr-xr-x")
                .containsEntry(LIB + "/runtime/lib/jspawnhelper", "-rwxr-xr-x")
                .containsEntry(LIB + "/linkguard.jar", "-rw-r--r--")
                .containsEntry(LIB + "/jvm.options", "-rw-r--r--")
                .containsEntry(LIB + "/linkguard.aot", "-rw-r--r--")
                .containsEntry(CONFIG, "-rw-r-----")
                .containsEntry("/var/lib/linkguard", "drwxr-x---")
                .containsEntry("/etc/linkguard", "drwxr-x---")
                .containsKey("/usr/share/doc/linkguard/examples/linkguard.example.yml");
        if (modes.containsKey(UNIT)) {
            assertThat(modes.get(UNIT)).isEqualTo("-rw-r--r--");
        }
    }

    @Test
    @Order(2)
    void installs() throws Exception {
        Sh.Result r = Sh.run(List.of("dpkg", "-i", deb.toString()), Map.of(), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        installedFiles = Sh.ok("dpkg", "-L", PKG).lines().filter(l -> l.startsWith("/")).toList();
        assertThat(installedFiles).containsAll(contents);

        String passwd = Sh.ok("getent", "passwd", PKG).strip();
        assertThat(passwd.split(":")).as(passwd).satisfies(f -> {
            assertThat(Integer.parseInt(f[2])).as("a system uid").isLessThan(1000);
            assertThat(f[5]).isEqualTo("/var/lib/linkguard");
            assertThat(f[6]).isIn("/usr/sbin/nologin", "/sbin/nologin", "/bin/false");
        });
        assertThat(Sh.ok("getent", "group", PKG)).startsWith(PKG + ":");
        assertOwner("/var/lib/linkguard", PKG, PKG, "rwxr-x---");
        assertOwner(CONFIG, "root", PKG, "rw-r-----");
        assertOwner("/etc/linkguard", "root", PKG, "rwxr-x---");
    }

    @Test
    @Order(3)
    void versionRunsOnThePackagedRuntime() throws Exception {
        requireInstalled();
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("JAVA_TOOL_OPTIONS", null);
        env.put("JDK_JAVA_OPTIONS", null);
        env.put("PATH", Sh.pathWithoutJava());
        Sh.Result r = Sh.run(List.of("/usr/bin/linkguard", "--version"), env, 60);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).startsWith("linkguard " + version).contains("Java 25");

        // AOTMode=on makes an unusable cache fatal: the cache fits the installed jar and runtime
        // (the launcher's -Xlog:aot=off would otherwise hide a silent fall-back).
        env.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");
        Sh.Result aot = Sh.run(List.of("/usr/bin/linkguard", "--version"), env, 60);
        assertThat(aot.exit()).as("the AOT cache must load as installed:\n" + aot.out()).isZero();
        assertThat(aot.out()).contains("linkguard " + version);

        // The same JVM options as bin/linkguard, from the same file.
        assertThat(Files.mismatch(Path.of(LIB, "jvm.options"), projectRoot().resolve("bin/jvm.options"))).isEqualTo(-1);
        String modules = Sh.ok(LIB + "/runtime/bin/java", "--list-modules");
        assertThat(modules).contains("java.base@25").contains("jdk.httpserver@").contains("java.net.http@")
                .contains("jdk.unsupported@").doesNotContain("java.desktop@");
    }

    @Test
    @Order(4)
    void checkConfigAcceptsTheShippedConfig() throws Exception {
        requireInstalled();
        Sh.Result r = Sh.run("/usr/bin/linkguard", "check-config", CONFIG);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains(CONFIG + ": OK");
    }

    @Test
    @Order(5)
    void runsAsTheServiceUserAndServesMetrics() throws Exception {
        requireInstalled();
        try (NamespacedAgent agent = NamespacedAgent.start(PKG, CONFIG)) {
            AtomicReference<String> scraped = new AtomicReference<>("");
            try {
                await("ICMP and TCP replies").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(250)).until(() -> {
                            if (!agent.alive()) {
                                return true; // the assertion below says it exited
                            }
                            scraped.set(agent.scrape().orElse(""));
                            return NamespacedAgent.value(scraped.get(), "linkguard_icmp_replies_total{link=\"loopback\",target=\"127.0.0.1\"}") > 0
                                    && NamespacedAgent.value(scraped.get(), "linkguard_tcp_connect_successes_total{link=\"loopback\",target=\"127.0.0.1:18784\"}") > 0;
                        });
            } catch (ConditionTimeoutException timedOut) {
                // the assertions below say what was seen
            }
            String metrics = scraped.get();
            assertThat(agent.alive()).as("agent exited:\n" + agent.output()).isTrue();
            assertThat(metrics).as("no ICMP and TCP replies within 60 s; agent output:\n" + agent.output())
                    .contains("linkguard_build_info{")
                    .containsPattern("linkguard_icmp_replies_total\\{link=\"loopback\",target=\"127.0.0.1\"} [1-9]")
                    .containsPattern("linkguard_tcp_connect_successes_total\\{link=\"loopback\",target=\"127.0.0.1:18784\"} [1-9]");
            assertThat(Files.readSymbolicLink(Path.of("/proc", Long.toString(agent.pid()), "exe")))
                    .as("the JVM is the packaged runtime, not a host JDK")
                    .isEqualTo(Path.of(LIB, "runtime/bin/java"));
            String status = Files.readString(Path.of("/proc", Long.toString(agent.pid()), "status"));
            String uid = Sh.ok("id", "-u", PKG).strip();
            assertThat(status).containsPattern("(?m)^Uid:\\s+" + uid + "\\s")
                    .containsPattern("(?m)^CapEff:\\s+0000000000002000$"); // CAP_NET_RAW (13) only
            assertThat(agent.output()).contains("started").doesNotContain("Exception");
        }
    }

    @Test
    @Order(6)
    void unitFileVerifiesStatically() throws Exception {
        requireInstalled();
        if (!Files.exists(Path.of(UNIT))) {
            Assumptions.abort("the package carries no unit file");
        }
        if (Sh.run("sh", "-c", "command -v systemd-analyze").exit() != 0) {
            String why = "systemd-analyze is not installed (package systemd)";
            if (Privileged.required()) {
                throw new AssertionError("LINKGUARD_REQUIRE_NETNS=1 but " + why);
            }
            Assumptions.abort(why);
        }
        Sh.Result r = Sh.run("systemd-analyze", "verify", UNIT);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).as("warnings about the unit").doesNotContain("linkguard.service:");
    }

    /** Purge removes what the package and the service made, and keeps what the operator added. */
    @Test
    @Order(7)
    void purgeKeepsTheOperatorsFiles() throws Exception {
        requireInstalled();
        Path key = Path.of("/etc/linkguard/bfd-sg.key");
        Path notes = Path.of("/var/lib/linkguard/operator-notes.txt");
        Files.writeString(key, "operator's key\n");
        Files.writeString(notes, "operator's notes\n");
        Files.writeString(Path.of(CONFIG + ".dpkg-old"), "dpkg's copy\n");
        Files.createDirectories(Path.of("/var/lib/linkguard/alerts/ops"));
        Files.writeString(Path.of("/var/lib/linkguard/alerts/ops/000001.msg"), "spooled\n");
        try {
            Sh.Result r = Sh.run(List.of("dpkg", "--purge", PKG), Map.of(), 300);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(PackageState.installed(PKG)).isFalse();
            assertThat(key).hasContent("operator's key");
            assertThat(notes).hasContent("operator's notes");
            assertThat(Path.of(CONFIG)).doesNotExist();
            assertThat(Path.of(CONFIG + ".dpkg-old")).doesNotExist();
            assertThat(Path.of("/var/lib/linkguard/alerts")).doesNotExist();
            assertOwner("/etc/linkguard", "root", "root", "rwxr-x---");
            assertOwner("/var/lib/linkguard", "root", "root", "rwxr-x---");
            assertThat(Sh.run("getent", "passwd", PKG).exit()).as("user linkguard").isNotZero();
        } finally {
            Files.deleteIfExists(key);
            Files.deleteIfExists(notes);
            if (!PackageState.installed(PKG)) { // else the purge failed: @AfterAll purges again
                Files.deleteIfExists(Path.of("/etc/linkguard"));
                Files.deleteIfExists(Path.of("/var/lib/linkguard"));
            }
        }
    }

    /** Installed again and purged with nothing added: nothing of it is left. */
    @Test
    @Order(8)
    void purgeLeavesNothingBehind() throws Exception {
        Sh.Result install = Sh.run(List.of("dpkg", "-i", deb.toString()), Map.of(), 300);
        assertThat(install.exit()).as(install.out()).isZero();
        Sh.Result r = Sh.run(List.of("dpkg", "--purge", PKG), Map.of(), 300);
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(PackageState.installed(PKG)).isFalse();
        List<String> left = installedFiles.stream().filter(f -> !before.existed(f))
                .filter(f -> Files.exists(Path.of(f), LinkOption.NOFOLLOW_LINKS)).toList();
        assertThat(left).as("files of the package left after purge").isEmpty();
        assertThat(Path.of("/etc/linkguard")).doesNotExist();
        assertThat(Path.of("/var/lib/linkguard")).doesNotExist();
        assertThat(Sh.run("getent", "passwd", PKG).exit()).as("user linkguard").isNotZero();
        assertThat(Sh.run("getent", "group", PKG).exit()).as("group linkguard").isNotZero();
        assertThat(PackageState.capture(contents).systemd())
                .as("systemd enablement links and deb-systemd-helper state").isEqualTo(before.systemd());
    }

    @AfterAll
    void purgeIfStillInstalled() throws Exception {
        if (Privileged.isRoot() && PackageState.installed(PKG)) {
            Sh.run(List.of("dpkg", "--purge", PKG), Map.of(), 300);
        }
    }

    private void requireInstalled() throws Exception {
        assertThat(PackageState.installed(PKG)).as("the package is not installed: see installs()").isTrue();
    }

    private static void assertOwner(String path, String user, String group, String perms) throws IOException {
        PosixFileAttributes a = Files.readAttributes(Path.of(path), PosixFileAttributes.class);
        assertThat(a.owner().getName()).as(path + " owner").isEqualTo(user);
        assertThat(a.group().getName()).as(path + " group").isEqualTo(group);
        assertThat(PosixFilePermissions.toString(a.permissions())).as(path + " mode").isEqualTo(perms);
    }

    static Path projectRoot() {
        return Path.of(System.getenv().getOrDefault("LINKGUARD_PROJECT_ROOT", "..")).toAbsolutePath().normalize();
    }
}
