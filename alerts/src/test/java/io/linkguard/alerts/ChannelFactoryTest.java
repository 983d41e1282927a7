package io.linkguard.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.alerts.config.ChannelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ChannelFactory#build} checks again when it reads the secrets (they may have changed since the load). */
class ChannelFactoryTest {
    @TempDir
    Path dir;

    private static ChannelFactory.Built build(ChannelConfig c, Path dir) throws IOException {
        return ChannelFactory.build(c, "la-edge-1");
    }

    @Test
    void aTokenUrlOverHttpToANonLoopbackHostIsRefusedWithoutNamingIt() throws Exception {
        ChannelConfig.Webhook hook = Configs.webhook(dir, "noc-hook", "http://hooks.example.net/in/tok3n-abcdef", "k",
                Configs.fast());
        ChannelConfig.Slack slack = Configs.slack(dir, "ops-slack", "http://hooks.slack.test/services/T/B/X",
                Configs.fast());

        assertThatThrownBy(() -> build(hook, dir)).isInstanceOf(IOException.class)
                .hasMessage("test.yml:9: alerts.channels[0].noc-hook-url_file: file " + dir.resolve("noc-hook-url_file")
                        + " holds an http:// URL, which would send the token in clear text: use https:// (http:// is"
                        + " accepted only to a loopback address: 127.0.0.0/8, ::1 or localhost)");
        assertThatThrownBy(() -> build(slack, dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("holds an http:// URL").message().doesNotContain("hooks.slack.test");
    }

    @Test
    void telegramOverHttpIsRefusedUnlessLoopback() throws Exception {
        ChannelConfig.Telegram far = Configs.telegram(dir, "tg", "http://tg-proxy.example.net", "123:abc",
                Configs.fast());
        ChannelConfig.Telegram near = Configs.telegram(dir, "tg2", "http://127.0.0.1:8081", "123:abc",
                Configs.fast());

        assertThatThrownBy(() -> build(far, dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("base_url http://tg-proxy.example.net is http://");
        assertThat(build(near, dir).channel(AlertmanagerChannel.Store.NONE).type()).isEqualTo("telegram");
    }

    @Test
    void loopbackHttpAndHttpsAreAccepted() throws Exception {
        for (String url : new String[] {"http://127.0.0.1:9/x", "http://[::1]:9/x", "http://localhost:9/x",
                "https://hooks.example.net/in"}) {
            assertThat(build(Configs.webhook(dir, "noc-hook", url, "k", Configs.fast()), dir).secrets()).isNotEmpty();
        }
    }

    @Test
    void aSecretFileOpenedToOthersAfterTheLoadIsRefusedAtBuild() throws Exception {
        ChannelConfig.Webhook hook = Configs.webhook(dir, "noc-hook", "https://hooks.example.net/in", "k",
                Configs.fast());
        Files.setPosixFilePermissions(dir.resolve("noc-hook-secret_file"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> build(hook, dir)).isInstanceOf(IOException.class)
                .hasMessageEndingWith("noc-hook-secret_file: mode 0644 gives access to group or others (expected: 0600"
                        + " or stricter)");
    }
}
