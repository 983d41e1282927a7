package io.linkguard.bfd.auth;

import io.linkguard.bfd.packet.AuthType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

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

    /** Mode bits 077: any of them set gives group or others access. */
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

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
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            // Fail closed: without POSIX modes we cannot tell who else can read the key.
            throw new AuthConfigException(file + ": file system has no POSIX permissions (expected: a file"
                    + " readable by its owner only)", e);
        } catch (IOException e) {
            throw new AuthConfigException(file + ": cannot read key file: " + describe(e), e);
        }
        if (!Collections.disjoint(perms, GROUP_OR_OTHERS)) {
            throw new AuthConfigException(file + ": mode " + octal(perms)
                    + " gives access to group or others (expected: 0600 or stricter)");
        }
    }

    /** The permission bits as chmod writes them, e.g. 0640. */
    static String octal(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            // PosixFilePermission is declared in order OWNER_READ .. OTHERS_EXECUTE, i.e. bit 8 down to 0.
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
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
