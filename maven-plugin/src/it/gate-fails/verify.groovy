def log = new File(basedir, 'build.log').text

// one WARN line per broken rule, JaCoCo style
assert log.contains("[WARNING] Rule violated for all tests: pass rate 50.0% (2 of 4 tests) is below the minimum 80.0%")
assert log.contains("[WARNING] Rule violated for rubric 'helpfulness': pass rate 50.0% (1 of 2 tests) is below the minimum 90.0%")
assert log.contains("[WARNING] Rule violated for class ToneTest: mean score 4.00 (2 tests) is below the minimum 4.50")
assert log.contains('Rubric: 4 tests from 1 results file, pass rate 50.0%, mean score 3.75, 0 aborted: 3 rules broken.')
// the failure message lists every broken rule with the offending tests and the judge's feedback, shortened
assert log.contains('Rubric quality gate failed: 3 rules broken')
assert log.contains('    RefundTest.explainsExpiredRefund: helpfulness scored 2 (scoresAtLeast 4): "The response contradicts the refund policy')
assert log.contains('    ToneTest.handlesInsults: politeness scored 3 (scoresAtLeast 4): "Tells the customer to calm down. [RESULT] 3"')
assert !log.contains('would have to call support again')
assert log.contains('BUILD FAILURE')
return true
