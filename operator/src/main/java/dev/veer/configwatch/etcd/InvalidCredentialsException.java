package dev.veer.configwatch.etcd;

/** The Secret's credentials cannot be used at all (for example, a certificate that is not PEM). */
final class InvalidCredentialsException extends RuntimeException {

    InvalidCredentialsException(String message) {
        super(message, null, false, false);
    }
}
