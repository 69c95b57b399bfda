def log = new File(basedir, 'build.log').text

assert log.contains('Rubric: comparing with the baseline')
assert log =~ /\[INFO\] helpfulness\s+3\s+66\.7%\s+3\.67\s+-1\.00\s+BROKEN/
assert log.contains("rubric 'helpfulness': mean score fell by 1.00 against the baseline (4.67 -> 3.67 over 3 tests in both), more than the allowed 0.25")
assert log.contains('    RefundTest.explainsGiftCards: 4.00 -> 2.00: "Says gift cards are refundable, they are not. [RESULT] 2"')
assert log.contains('all tests: 1 test passed in the baseline and fails now')
// the comparison in words: 1 test went from passed to failed, scores fell by 1 and 2 points (exact McNemar 1/2,
// Wilcoxon 1/4; the smaller, times the two tests: 1/2), so within noise, and failOnSignificantDrop holds
assert log.contains('[INFO] Rubric: against the baseline, all tests: 1 test got worse (passed, now fails) and 0 better, 2 unchanged; mean score 4.67 -> 3.67 (-1.00, 95% interval -3.48 to +1.48) over 3 tests scored in both: 2 lower, 0 higher, 1 the same. A drop this large happens by chance in 50% of runs: within noise (alpha 0.05).')
assert !log.contains('dropped beyond noise')
assert log.contains('alpha must lie in (0, 0.5] (0.05: a drop this large happens by chance in fewer than 5% of runs), got 0.9')
assert log.count('BUILD FAILURE') == 2
return true
