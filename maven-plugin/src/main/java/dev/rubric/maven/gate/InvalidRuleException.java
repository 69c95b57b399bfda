package dev.rubric.maven.gate;
import org.apiguardian.api.API;

/** A rule or limit that cannot be checked as written (a pass rate of 90 instead of 0.9, a rule with no scope). */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class InvalidRuleException extends IllegalArgumentException {

    public InvalidRuleException(String message) {
        super(message);
    }
}
