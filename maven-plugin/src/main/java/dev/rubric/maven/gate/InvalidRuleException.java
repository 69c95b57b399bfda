package dev.rubric.maven.gate;

/** A rule or limit that cannot be checked as written (a pass rate of 90 instead of 0.9, a rule with no scope). */
public final class InvalidRuleException extends IllegalArgumentException {

    public InvalidRuleException(String message) {
        super(message);
    }
}
