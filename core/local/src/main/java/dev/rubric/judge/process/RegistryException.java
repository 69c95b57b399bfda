package dev.rubric.judge.process;

/** The registry of judge processes cannot be used: the message names the folder and the way out. */
final class RegistryException extends RuntimeException {

    RegistryException(String message) {
        super(message);
    }

    RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
