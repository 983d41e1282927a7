package io.linkguard.bfd.auth;

import io.linkguard.core.secrets.SecretFileMode;

import io.linkguard.bfd.packet.AuthType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Loads BFD authentication secrets (RFC 5880 §6.7) from files, so they stay out of the YAML
 * config, the command line and the journal.
 *
 * <p>The file holds the secret as raw bytes; one trailing newline ({@code \n} or {@code \r\n}),
 * as editors and {@code echo} add, is stripped. The file must give group and others no access
 * at all (mode & 077 == 0), like an ssh private key: the secret is a shared key that lets its
 * holder forge packets that keep a dead tunnel "Up", and a file others can write lets them choose
 * it.
 */
public final class KeyFiles {

    /** No valid secret is longer than 20 bytes; refuse to read a huge file into memory. */
    private static final long MAX_FILE_BYTES = 64;

    private KeyFiles() {}

    /**
     * Reads the secret for a key of {@code type} with Auth Key ID {@code keyId} from {@code file}.
     *
     * @throws AuthConfigException if the file cannot be read, gives group or others any access, or
     *     holds an empty secret or one too long for {@code type}; the message names the file
     */
    public static AuthKey load(Path file, AuthType type, int keyId) throws AuthConfigException {
        if (keyId < 0 || keyId > 255) {
            throw new AuthConfigException(file + ": auth key ID " + keyId + " (expected: 0..255)");
        }
        checkPermissions(file);
        byte[] content = read(file);
        try {
            int length = content.length;
            if (length > 0 && content[length - 1] == '\n') {
                length--;
                if (length > 0 && content[length - 1] == '\r') {
                    length--;
                }
            }
            int max = AuthKey.maxSecretBytes(type);
            if (length == 0) {
                throw new AuthConfigException(file + ": the " + type.label() + " secret is empty (expected: 1.."
                        + max + " bytes)");
            }
            if (length > max) {
                throw new AuthConfigException(file + ": the " + type.label() + " secret is " + length
                        + " bytes (expected: 1.." + max + " bytes" + limitReason(type) + ")");
            }
            byte[] secret = Arrays.copyOf(content, length);
            try {
                return new AuthKey(type, keyId, secret);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        } finally {
            // Leave no stray copy of the secret on the heap longer than needed.
            Arrays.fill(content, (byte) 0);
        }
    }

    private static String limitReason(AuthType type) {
        return switch (type) {
            case SIMPLE_PASSWORD -> ", RFC 5880 §4.2";
            case KEYED_MD5, METICULOUS_KEYED_MD5 -> ", the MD5 digest field, RFC 5880 §6.7.3";
            case KEYED_SHA1, METICULOUS_KEYED_SHA1 -> ", the SHA1 hash field, RFC 5880 §6.7.4";
        };
    }

    private static void checkPermissions(Path file) throws AuthConfigException {
        Optional<String> problem;
        try {
            problem = SecretFileMode.problem(file);
        } catch (IOException e) {
            throw new AuthConfigException(file + ": cannot read key file: " + describe(e), e);
        }
        if (problem.isPresent()) {
            throw new AuthConfigException(file + ": " + problem.get());
        }
    }

    private static byte[] read(Path file) throws AuthConfigException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new AuthConfigException(file + ": key file is " + size + " bytes (expected: <= "
                        + MAX_FILE_BYTES + ", a secret of at most 20 bytes)");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AuthConfigException(file + ": cannot read key file: " + describe(e), e);
        }
    }

    /** NoSuchFileException and friends carry only the path as message; name the kind too. */
    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
