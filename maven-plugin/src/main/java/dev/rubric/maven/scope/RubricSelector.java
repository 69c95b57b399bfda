package dev.rubric.maven.scope;

import java.util.Objects;
import java.util.function.BiPredicate;

/** Picks a rubric by its name ("helpfulness") or by its criteria text, as a rule in the POM names it. */
public record RubricSelector(String nameOrCriteria) implements BiPredicate<String, String> {

    public RubricSelector {
        Objects.requireNonNull(nameOrCriteria, "nameOrCriteria");
        nameOrCriteria = nameOrCriteria.strip();
    }

    public boolean matches(String rubric, String criteria) {
        return nameOrCriteria.equalsIgnoreCase(rubric == null ? "" : rubric.strip())
                || nameOrCriteria.equals(criteria == null ? "" : criteria.strip());
    }

    /** The same as {@link #matches}: a selector filters verdicts by their rubric's name and criteria. */
    @Override
    public boolean test(String rubric, String criteria) {
        return matches(rubric, criteria);
    }
}
