package dev.rubric.maven;

import java.util.List;

/**
 * A broken rule.
 *
 * @param scope     what the rule was about
 * @param what      what went wrong, with the value and the limit: "pass rate 66.7% (2 of 3 tests) is below 90.0%"
 * @param offenders the tests that broke it, worst first, each with the reason and the judge's feedback, shortened
 */
public record Violation(Scope scope, String what, List<Offender> offenders) {

    public Violation {
        offenders = List.copyOf(offenders);
    }

    /** One line: "rubric 'helpfulness': pass rate 66.7% (2 of 3 tests) is below the minimum 90.0%". */
    public String headline() {
        return scope.describe() + ": " + what;
    }

    /**
     * A test that broke a rule.
     *
     * @param test   the test
     * @param detail why, and the judge's feedback, shortened
     */
    public record Offender(GatedTest test, String detail) {
    }
}
