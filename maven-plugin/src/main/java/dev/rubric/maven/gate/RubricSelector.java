package dev.rubric.maven.gate;

import java.util.Objects;

/** Picks a rubric by its name ("helpfulness") or by its criteria text, as a rule in the POM names it. */
public record RubricSelector(String nameOrCriteria) {

    public RubricSelector {
        Objects.requireNonNull(nameOrCriteria, "nameOrCriteria");
        nameOrCriteria = nameOrCriteria.strip();
    }

    public boolean matches(String rubric, String criteria) {
        return nameOrCriteria.equalsIgnoreCase(rubric == null ? "" : rubric.strip())
                || nameOrCriteria.equals(criteria == null ? "" : criteria.strip());
    }
}
