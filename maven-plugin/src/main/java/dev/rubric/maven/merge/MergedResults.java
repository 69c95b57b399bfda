package dev.rubric.maven.merge;

import dev.rubric.results.JudgeRecord;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The results of every results file of a build, merged: one entry per test.
 *
 * @param tests      every test, sorted by class, then unique id
 * @param files      how many results files were read
 * @param judges     the distinct judges the runs used (usually one)
 * @param duplicates tests found in more than one file (reruns, or a class run by both Surefire and Failsafe);
 *                   the latest run's result was kept
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record MergedResults(List<GatedTest> tests, int files, List<JudgeRecord> judges, List<String> duplicates) {

    public MergedResults {
        tests = List.copyOf(tests);
        judges = List.copyOf(judges);
        duplicates = List.copyOf(duplicates);
    }

    public boolean isEmpty() {
        return tests.isEmpty();
    }

    /** The tests that failed in an earlier run and passed on a rerun. */
    public List<GatedTest> flaky() {
        return tests.stream().filter(GatedTest::flaky).toList();
    }

    /** The modules the tests come from, in order; empty unless the results are an aggregate of modules. */
    public List<String> modules() {
        return tests.stream().map(GatedTest::module).filter(java.util.Objects::nonNull).distinct().toList();
    }
}
