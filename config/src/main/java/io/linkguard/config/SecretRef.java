package io.linkguard.config;

import io.linkguard.core.secrets.SecretFileMode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a channel setting comes from: a file ({@code *_file}), an environment variable ({@code *_env}),
 * or, for settings that are not secret, the config itself ({@code url:} of Alertmanager). The config
 * holds only the reference; the value is read when the alert dispatcher starts, so it is never part
 * of {@link Config}, its {@code toString}, or a config error message.
 *
 * @param kind      file, environment variable or inline
 * @param reference the file path, the variable name, or the inline value
 * @param origin    {@code FILE:LINE: KEY} of the config key, for error messages
 */
public record SecretRef(Kind kind, String reference, String origin) {

    /** Any of these bits set gives group or others access: a secret file must have none of them. */
    /** Longest secret read from a file: webhook URLs and tokens are short; anything bigger is a mistake. */
    public static final int MAX_FILE_BYTES = 64 * 1024;

    public enum Kind { FILE, ENV, INLINE }

    public SecretRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(origin, "origin");
    }

    /** Whether the value may appear in logs and status (only inline, non-secret values). */
    public boolean isSecret() {
        return kind != Kind.INLINE;
    }

    /**
     * The value, with surrounding whitespace (a file's trailing newline) removed.
     *
     * @throws IOException naming {@link #origin()} and the file or variable, never the value
     */
    public String read() throws IOException {
        return read(System.getenv());
    }

    /** {@link #read()} with {@code env} as the environment (injected by tests). */
    public String read(Map<String, String> env) throws IOException {
        String value = switch (kind) {
            case INLINE -> reference;
            case ENV -> {
                String v = env.get(reference);
                if (v == null) {
                    throw new IOException(origin + ": environment variable " + reference + " is not set");
                }
                yield v;
            }
            case FILE -> readFile(Path.of(reference));
        };
        String stripped = value.strip();
        if (stripped.isEmpty()) {
            throw new IOException(origin + ": " + describe() + " is empty");
        }
        return stripped;
    }

    /** {@code file /etc/x} or {@code environment variable X}; never the value. */
    public String describe() {
        return switch (kind) {
            case FILE -> "file " + reference;
            case ENV -> "environment variable " + reference;
            case INLINE -> "the inline value";
        };
    }

    private String readFile(Path file) throws IOException {
        try {
            if (!Files.exists(file)) {
                throw new IOException(origin + ": " + file + ": file not found");
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException(origin + ": " + file + " is not a regular file");
            }
            Optional<String> mode = modeProblem(file);
            if (mode.isPresent()) {
                throw new IOException(origin + ": " + file + ": " + mode.get());
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException(origin + ": " + file + " is too large (" + Files.size(file) + " bytes, at most "
                        + MAX_FILE_BYTES + ")");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(origin + ": " + file + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new IOException(origin + ": " + file + ": permission denied", e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(origin + ": " + file + ": not UTF-8 text", e);
        }
    }

    /** Why {@code file}'s permissions are too open for a secret, if they are ({@link SecretFileMode}). */
    public static Optional<String> modeProblem(Path file) throws IOException {
        return SecretFileMode.problem(file);
    }

    /** The permission bits as chmod(1) writes them ({@link SecretFileMode#mode}). */
    public static int mode(Set<PosixFilePermission> perms) {
        return SecretFileMode.mode(perms);
    }

    @Override
    public String toString() {
        return isSecret() ? describe() : reference;
    }
}
