package dev.rubric.maven.scope;

import java.util.Objects;
import java.util.function.BiPredicate;
import org.apiguardian.api.API;

/** Picks a rubric by its name ("helpfulness") or by its criteria text, as a rule in the POM names it. */
@API(status = API.Status.INTERNAL, since = "0.1")
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
