package io.linkguard.agent.it;

import io.linkguard.probes.testing.Privileged;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator who forgot the capability gets one line that names it, and a failing exit status. */
@Tag("privileged")
class NoCapabilityIT {
    @Test
    void pingWithoutCapNetRawSaysWhichCapabilityIsMissing() throws Exception {
        Privileged.assumeRoot();
        Cmd.Result r = Cmd.run(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                "--inh-caps=-all", "--ambient-caps=-all", "--bounding-set=-all", "--no-new-privs",
                AgentProcess.java(), "--enable-native-access=ALL-UNNAMED", "-jar", AgentProcess.jar(),
                "ping", "-c", "1", "127.0.0.1"), 60);
        assertThat(r.exit()).as(r.out()).isNotZero();
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(r.out()).hasSize(1);
        assertThat(lines.getFirst()).startsWith("linkguard: raw ICMP needs CAP_NET_RAW")
                .contains("AmbientCapabilities=CAP_NET_RAW")
                .contains("EPERM");
        assertThat(r.out()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
