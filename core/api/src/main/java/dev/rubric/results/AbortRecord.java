package dev.rubric.results;

import org.apiguardian.api.API;

import dev.rubric.core.JudgeException;

import java.util.Objects;

import static org.apiguardian.api.API.Status.INTERNAL;

/**
 * Why an aborted test had no verdict: the judge's reason as a type, and its message. A sampled test whose samples had
 * no verdict carries its first such sample's. Tests that report a judge that is down or missing once for every test
 * it aborted group by {@link #message()}.
 *
 * @param reason  why the judge gave no verdict (unreachable, timed out, misconfigured, ...)
 * @param message what the judge's failure said, naming the thing and the way out
 */
@API(status = INTERNAL, since = "0.1")
public record AbortRecord(JudgeException.Reason reason, String message) {

    public AbortRecord {
        Objects.requireNonNull(reason, "reason");
        message = message == null || message.isBlank() ? "no reason recorded" : message;
    }
}
