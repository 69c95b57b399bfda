def log = new File(basedir, 'build.log').text

// 1: every plugin property with -D: the rubric tests ran and were judged, none aborted on an unknown key
assert !log.contains('unknown configuration key') : 'a plugin property reached the judge configuration as an error'
assert log.contains('[INFO] Rubric: 2 tests from 1 results file, pass rate 100.0%, mean score 5.00, 0 aborted: all')
assert log.contains('Rubric: report of 2 tests written to')
// 2: -DskipTests, with the first build's results still in target/rubric
assert log.contains('[INFO] Rubric: nothing to report: the tests were skipped (-DskipTests), and the 1 results file in ')
assert log.contains('[INFO] Rubric: nothing to check: the tests were skipped (-DskipTests), and the 1 results file in ')
// 3: -Dmaven.test.skip=true after clean
assert log.contains('[INFO] Rubric: nothing to check: the tests were skipped (-Dmaven.test.skip)')
// 4: -Dtest=AnswerFormatTest: only a Jupiter test ran
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
assert log.contains('[INFO] Rubric: nothing to check: the test selection -Dtest=AnswerFormatTest ran no rubric test')
assert !log.contains('No rubric results')
assert !log.contains('BUILD FAILURE')
assert log.count('BUILD SUCCESS') == 4
return true
