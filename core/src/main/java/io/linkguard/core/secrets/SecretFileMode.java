package io.linkguard.core.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;

/**
 * The one rule for a file that holds a secret (a BFD key, an alert URL, token or HMAC key): group
 * and others get no access at all (mode {@code & 077 == 0}), as ssh demands of a private key. A
 * key others can read lets them forge packets that keep a dead tunnel "Up" or post to the team's
 * chat; one they can write lets them choose it. On a file system without POSIX permissions nobody
 * can tell who else reads the file, so it fails closed. Shared by the BFD key files and the
 * agent's secret references so both say the same thing.
 */
public final class SecretFileMode {
    /** Mode bits that give group or others any access. */
    public static final int GROUP_OR_OTHERS = 0077;

    private SecretFileMode() {
    }

    /**
     * Why {@code file}'s permissions are too open for a secret, if they are, e.g. "mode 0640 gives
     * access to group or others (expected: 0600 or stricter)". The caller names the file.
     *
     * @throws IOException if the permissions cannot be read (the file is missing, say)
     */
    public static Optional<String> problem(Path file) throws IOException {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return Optional.of("file system has no POSIX permissions (expected: a file only its owner can read)");
        }
        int mode = mode(perms);
        if ((mode & GROUP_OR_OTHERS) == 0) {
            return Optional.empty();
        }
        return Optional.of(String.format("mode %04o gives access to group or others (expected: 0600 or stricter)",
                mode));
    }

    /** The permission bits as in {@code ls -l} / chmod(1): owner rwx = 0700, group 0070, others 0007. */
    public static int mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            // PosixFilePermission's order: OWNER_READ, OWNER_WRITE, OWNER_EXECUTE, GROUP_READ, ..., OTHERS_EXECUTE.
            mode |= 0400 >> p.ordinal();
        }
        return mode;
    }
}
