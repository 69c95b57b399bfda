def log = new File(basedir, 'build.log').text

assert log.contains('Rubric: comparing with the baseline')
assert log =~ /\[INFO\] helpfulness\s+3\s+66\.7%\s+3\.67\s+-1\.00\s+BROKEN/
assert log.contains("rubric 'helpfulness': mean score fell by 1.00 against the baseline (4.67 -> 3.67 over 3 tests in both), more than the allowed 0.25")
assert log.contains('    RefundTest.explainsGiftCards: 4.00 -> 2.00: "Says gift cards are refundable, they are not. [RESULT] 2"')
assert log.contains('all tests: 1 test passed in the baseline and fails now')
assert log.contains('BUILD FAILURE')
return true
