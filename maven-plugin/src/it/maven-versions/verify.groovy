// run twice, by the maven-3.9 and maven-4.0 executions of the invoker (see the plugin's POM)
// (run alone with -Dinvoker.test, the default execution builds it with the Maven running the build)
def expected = basedir.path.contains('it-maven-4.0') ? '4.0.' : basedir.path.contains('it-maven-3.9') ? '3.9.' : '3.'
def log = new File(basedir, 'build.log').text
def html = new File(basedir, 'target/rubric/report/index.html').text
assert html.contains("built by Maven ${expected}") : "the report was not built by Maven ${expected}"

// the engine's summary table is a report, not a warning: Maven 4 shows a test JVM's stderr as [WARNING] [stderr]
assert !log.contains('[stderr] Rubric results') : 'the summary table came out as warnings'
if (expected == '4.0.') {
    assert log.contains('[INFO] [stdout] Rubric results')
} else {
    assert log.contains('\nRubric results')
}
assert log.contains('[INFO] Rubric: 2 tests from 1 results file, pass rate 100.0%, mean score 5.00, 0 aborted: all 2 checks met.')
assert log.contains('BUILD SUCCESS')
return true
