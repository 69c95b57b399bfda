def log = new File(basedir, 'build.log').text

assert log.contains('[INFO] rubric / class / tag')
assert log =~ /\[INFO\] tag smoke\s+2\s+100\.0%\s+4\.50\s+ok/
assert log =~ /\[INFO\] helpfulness\s+3\s+100\.0%\s+4\.33\s+ok/
assert log =~ /\[INFO\] all tests\s+4\s+100\.0%\s+4\.25\s+ok/
// the flaky test ran in both forks: the rerun in the fork that finished last counts
assert log.contains('1 test ran in more than one results file')
assert log.contains('[INFO] Rubric: 4 tests from 2 results files, pass rate 100.0%, mean score 4.25, 0 aborted: all 6 checks met.')
assert !log.contains('Rule violated')
return true
