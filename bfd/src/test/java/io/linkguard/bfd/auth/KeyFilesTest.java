package io.linkguard.bfd.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkguard.bfd.packet.AuthType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    @TempDir
    Path dir;
    private int files;

    private Path keyFile(String content, String mode) throws IOException {
        return keyFile(content.getBytes(StandardCharsets.US_ASCII), mode);
    }

    private Path keyFile(byte[] content, String mode) throws IOException {
        Path file = dir.resolve("bfd-" + (++files) + ".key"); // a fresh file: an earlier one may be read-only
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void loadsAnOwnerOnlyFileAndStripsOneTrailingNewline() throws Exception {
        AuthKey key = KeyFiles.load(keyFile("hunter2\n", "rw-------"), AuthType.METICULOUS_KEYED_SHA1, 3);
        assertThat(key.type()).isEqualTo(AuthType.METICULOUS_KEYED_SHA1);
        assertThat(key.keyId()).isEqualTo(3);
        assertThat(key.secret()).containsExactly("hunter2".getBytes(StandardCharsets.US_ASCII));

        assertThat(KeyFiles.load(keyFile("pw\r\n", "r--------"), AuthType.SIMPLE_PASSWORD, 0).secret())
                .containsExactly('p', 'w');
        assertThat(KeyFiles.load(keyFile("pw \n\n", "rw-------"), AuthType.SIMPLE_PASSWORD, 0).secret())
                .containsExactly('p', 'w', ' ', '\n');
    }

    @Test
    void rejectsAFileThatGivesGroupOrOthersAnyAccess() throws Exception {
        String[][] cases = {
            {"rw-r--r--", "0644"}, {"rw-r-----", "0640"}, {"rw----r--", "0604"},
            // Writable but not readable by others passed before: whoever can write the key chooses it.
            {"rw--w----", "0620"}, {"rw-----w-", "0602"}, {"rw-rw-rw-", "0666"},
            {"rw---x---", "0610"}, {"rw------x", "0601"},
        };
        for (String[] c : cases) {
            Path file = keyFile("hunter2", c[0]);
            assertThatThrownBy(() -> KeyFiles.load(file, AuthType.KEYED_SHA1, 1))
                    .as(c[0])
                    .isInstanceOf(AuthConfigException.class)
                    .hasMessage(file + ": mode " + c[1] + " gives access to group or others (expected: 0600 or stricter)");
        }
    }

    @Test
    void acceptsOwnerOnlyModes() throws Exception {
        for (String mode : new String[] {"rw-------", "r--------", "rwx------"}) {
            assertThat(KeyFiles.load(keyFile("hunter2", mode), AuthType.KEYED_SHA1, 1).secret())
                    .as(mode).hasSize(7);
        }
    }

    @Test
    void rejectsAnEmptySecret() throws Exception {
        for (String content : new String[] {"", "\n", "\r\n"}) {
            Path file = keyFile(content, "rw-------");
            assertThatThrownBy(() -> KeyFiles.load(file, AuthType.SIMPLE_PASSWORD, 1))
                    .isInstanceOf(AuthConfigException.class)
                    .hasMessage(file + ": the simple-password secret is empty (expected: 1..16 bytes)");
        }
    }

    @Test
    void rejectsSecretsTooLongForTheirType() throws Exception {
        Path file = keyFile("0123456789abcdefX\n", "rw-------");
        assertThatThrownBy(() -> KeyFiles.load(file, AuthType.SIMPLE_PASSWORD, 1))
                .hasMessage(file + ": the simple-password secret is 17 bytes (expected: 1..16 bytes, RFC 5880 §4.2)")
                .hasMessageNotContaining("0123456789");
        assertThatThrownBy(() -> KeyFiles.load(file, AuthType.KEYED_MD5, 1))
                .hasMessage(file + ": the keyed-md5 secret is 17 bytes (expected: 1..16 bytes, the MD5 digest"
                        + " field, RFC 5880 §6.7.3)");
        assertThat(KeyFiles.load(file, AuthType.KEYED_SHA1, 1).secret()).hasSize(17);

        Path sha1 = keyFile("0123456789abcdefghijK", "rw-------");
        assertThatThrownBy(() -> KeyFiles.load(sha1, AuthType.METICULOUS_KEYED_SHA1, 1))
                .hasMessage(sha1 + ": the meticulous-keyed-sha1 secret is 21 bytes (expected: 1..20 bytes, the SHA1"
                        + " hash field, RFC 5880 §6.7.4)");
        assertThat(KeyFiles.load(keyFile("0123456789abcdef", "rw-------"), AuthType.KEYED_MD5, 1).secret())
                .hasSize(16);

        Path huge = keyFile(new byte[4096], "rw-------");
        assertThatThrownBy(() -> KeyFiles.load(huge, AuthType.KEYED_SHA1, 1))
                .hasMessage(huge + ": key file is 4096 bytes (expected: <= 64, a secret of at most 20 bytes)");
    }

    @Test
    void namesAMissingFile() {
        Path missing = dir.resolve("nope.key");
        assertThatThrownBy(() -> KeyFiles.load(missing, AuthType.KEYED_MD5, 1))
                .isInstanceOf(AuthConfigException.class)
                .hasMessage(missing + ": cannot read key file: NoSuchFileException " + missing);
    }

    @Test
    void rejectsAKeyIdOutOfRange() throws Exception {
        Path file = keyFile("hunter2", "rw-------");
        assertThatThrownBy(() -> KeyFiles.load(file, AuthType.KEYED_MD5, 256))
                .isInstanceOf(AuthConfigException.class)
                .hasMessage(file + ": auth key ID 256 (expected: 0..255)");
    }
}
