def log = new File(basedir, 'build.log').text

// the parent (pom packaging, no tests) has nothing to check, and says so instead of failing
assert log.contains('[INFO] Rubric: nothing to check: a module with pom packaging has no tests of its own')
assert !log.contains('No rubric results')
// each module is gated as it configures: billing at the parent's 90%, shipping at its own 50%
assert log.contains('[INFO] Rubric: 2 tests from 1 results file, pass rate 100.0%, mean score 5.00, 0 aborted: all 2 checks met.')
assert log.contains('[INFO] Rubric: 2 tests from 1 results file, pass rate 50.0%, mean score 3.50, 0 aborted: all 2 checks met.')
// the aggregate: one table with a row per module, one verdict, the module of each offender
assert log.contains('Rubric: aggregating the results of billing, shipping, quality')
assert log =~ /\[INFO\] module billing\s+2\s+100\.0%\s+5\.00\s+ok/
assert log =~ /\[INFO\] module shipping\s+2\s+50\.0%\s+3\.50\s+-/
assert log.contains('Rule violated for all tests: pass rate 75.0% (3 of 4 tests) is below the minimum 90.0%')
assert log.contains('[shipping] ParcelTest.tracksParcels: scored 2 (scoresAtLeast 4)') ||
        log.contains('[shipping] ParcelTest.tracksParcels: helpfulness scored 2 (scoresAtLeast 4)')
def html = new File(basedir, 'quality/target/rubric/report/index.html').text
assert html.contains('<h2>Modules</h2>')
assert html.contains('<span class="module">shipping</span>')
assert html.contains('<span class="module">billing</span>')
return true
