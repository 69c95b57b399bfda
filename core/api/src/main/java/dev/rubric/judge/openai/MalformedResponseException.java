package dev.rubric.judge.openai;

/** A 2xx response that is not what the OpenAI API sends (not JSON, cut off, no choices): retried like a 5xx. */
final class MalformedResponseException extends RuntimeException {

    MalformedResponseException(String message) {
        super(message);
    }

    MalformedResponseException(String message, Throwable cause) {
        super(message, cause);
    }
}
