package io.linkguard.agent.config;

import io.linkguard.config.ConfigException;
import io.linkguard.config.SecretRef;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A secret file gives group and others no access at all; a token-carrying URL is https:// unless loopback. */
class SecretFileRulesTest {
    @TempDir
    Path dir;

    private Path file(String name, String value, String mode) throws IOException {
        Path f = Files.writeString(dir.resolve(name), value + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    private String slack(Path url) {
        return """
                links:
                  - name: la-sg
                    peer: 10.255.0.2
                    probes:
                      - type: icmp
                alerts:
                  channels:
                    - name: ops-slack
                      type: slack
                      url_file: %s
                """.formatted(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rw-rw----", "rw------x", "r-----r--", "rwxrwxrwx"})
    void anyGroupOrOthersBitIsRefusedNamingTheFileAndItsMode(String mode) throws Exception {
        Path f = file("slack-url", "https://hooks.slack.test/services/T/B/X", mode);
        int octal = SecretRef.mode(PosixFilePermissions.fromString(mode));

        assertThatThrownBy(() -> ConfigLoader.parse(slack(f), "s.yml")).isInstanceOf(ConfigException.class)
                .hasMessage("s.yml:10: alerts.channels[0].url_file: " + f + ": mode " + String.format("%04o", octal)
                        + " gives access to group or others (expected: 0600 or stricter)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "r--------", "rwx------", "---------"})
    void ownerOnlyModesAreAccepted(String mode) throws Exception {
        Path f = file("slack-url", "https://hooks.slack.test/services/T/B/X", mode);

        assertThat(ConfigLoader.parse(slack(f), "s.yml").alerts().orElseThrow().channels()).hasSize(1);
    }

    @Test
    void modeBitsAreThoseOfChmod() {
        assertThat(SecretRef.mode(PosixFilePermissions.fromString("rw-r-----"))).isEqualTo(0640);
        assertThat(SecretRef.mode(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo(0751);
        assertThat(SecretRef.mode(PosixFilePermissions.fromString("---------"))).isZero();
    }

    @Test
    void aFileOpenedUpAfterTheConfigWasLoadedIsRefusedWhenRead() throws Exception {
        Path f = file("token", "123:abc", "rw-------");
        SecretRef ref = new SecretRef(SecretRef.Kind.FILE, f.toString(), "c.yml:4: alerts.channels[0].token_file");
        assertThat(ref.read()).isEqualTo("123:abc");

        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(ref::read).isInstanceOf(IOException.class)
                .hasMessage("c.yml:4: alerts.channels[0].token_file: " + f + ": mode 0644 gives access to group or"
                        + " others (expected: 0600 or stricter)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.slack.test/services/T/B/X", "http://128.0.0.1/x", "http://10.0.0.1:8080/x",
            "http://localhost.example.net/x", "HTTP://hooks.slack.test/x", "http://[::2]/x", "http://127.0.0.1.nip.io/x"})
    void anHttpTokenUrlToANonLoopbackHostIsRefused(String url) throws Exception {
        Path f = file("slack-url", url, "rw-------");

        assertThatThrownBy(() -> ConfigLoader.parse(slack(f), "s.yml")).isInstanceOf(ConfigException.class)
                .hasMessage("s.yml:10: alerts.channels[0].url_file: file " + f + " holds an http:// URL, which would"
                        + " send the token in clear text: use https:// (http:// is accepted only to a loopback"
                        + " address: 127.0.0.0/8, ::1 or localhost)")
                .message().doesNotContain(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/x", "http://127.9.8.7/x", "http://localhost:9/x",
            "http://LOCALHOST/x", "http://[::1]:8080/x", "https://hooks.slack.test/services/T/B/X"})
    void httpsOrLoopbackIsAccepted(String url) throws Exception {
        Path f = file("slack-url", url, "rw-------");

        assertThat(ConfigLoader.parse(slack(f), "s.yml").alerts().orElseThrow().channels()).hasSize(1);
    }

    @Test
    void alertmanagerMayUseHttpItCarriesNoToken() throws Exception {
        String yaml = slack(dir).replace("type: slack", "type: alertmanager")
                .replace("url_file: " + dir, "url: http://alertmanager.example.net:9093");

        assertThat(ConfigLoader.parse(yaml, "a.yml").alerts().orElseThrow().channels()).hasSize(1);
    }
}
