package io.linkguard.core.secrets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretFileModeTest {
    @Test
    void modeIsWhatChmodWrites() {
        assertThat(SecretFileMode.mode(PosixFilePermissions.fromString("rw-r-----"))).isEqualTo(0640);
        assertThat(SecretFileMode.mode(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo(0751);
        assertThat(SecretFileMode.mode(PosixFilePermissions.fromString("---------"))).isZero();
    }

    @Test
    void anyGroupOrOthersBitIsAProblemOwnerOnlyIsNot(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("key"), "secret");
        for (String ok : new String[] {"rw-------", "r--------", "rwx------"}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(ok));
            assertThat(SecretFileMode.problem(f)).as(ok).isEmpty();
        }
        for (String open : new String[] {"rw-r-----", "rw----r--", "rw--w----", "rw------x", "rw-rw-rw-"}) {
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(open));
            assertThat(SecretFileMode.problem(f)).as(open).get().asString()
                    .endsWith("gives access to group or others (expected: 0600 or stricter)");
        }
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretFileMode.problem(f)).contains("mode 0640 gives access to group or others (expected: 0600 or stricter)");
    }
}
