package io.linkguard.bfd.auth;

/**
 * A BFD authentication key could not be loaded: the key file is missing, unreadable, readable
 * by others than its owner, empty, or holds a secret too long for its type. Messages name the
 * file and say how to fix it; they never contain the secret.
 *
 * <p>Checked: a bad key file is an operator error that config loading must report, not a bug.
 */
public final class AuthConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthConfigException(String message) {
        super(message);
    }

    public AuthConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
