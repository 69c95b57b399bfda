def report = new File(basedir, 'target/surefire-reports/TEST-com.example.RerunTest.xml')
assert report.isFile() : "no Surefire report at ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
def cases = suite.testcase.collectEntries { [(it.@name.text()): it] }
println "Surefire test cases: ${cases.keySet()}"

// Surefire: a test that passed on a rerun is a flake, for every kind of rubric test
['healedPlain', 'healedCase[flaky]', 'healedSampled'].each { name ->
    assert cases[name] : "no test case ${name} in Surefire's report: ${cases.keySet()}"
    assert cases[name].flakyFailure.size() > 0 : "${name} should be a flake for Surefire"
    assert cases[name].failure.size() == 0 && cases[name].rerunFailure.size() == 0 : "${name} should not fail"
}
// ...and one that failed every time fails
assert cases['alwaysBadSampled'].failure.size() > 0 : 'alwaysBadSampled should fail for Surefire'
assert cases['alwaysBadSampled'].rerunFailure.size() > 0 : 'alwaysBadSampled should have been rerun'

def log = new File(basedir, 'build.log').text
assert log =~ /Flakes: 3/
// the gate agrees: the healed tests count as passed, named as flaky; the one that always failed breaks it
assert log.contains('[WARNING] Rubric: 3 flaky tests failed, then passed on a rerun, and count as passed (as Surefire '
        + 'counts a flake): RerunTest.healedCase [2] flaky, RerunTest.healedPlain, RerunTest.healedSampled')
assert log.contains('Rule violated for all tests: pass rate 80.0% (4 of 5 tests) is below the minimum 100.0%')
assert log =~ /RerunTest\.alwaysBadSampled: passed 0 of \d samples/
assert !(log =~ /    RerunTest\.heal/) : 'a healed test is listed as an offender'
def html = new File(basedir, 'target/rubric/report/index.html').text
assert html.contains('>flaky</span>')
return true
