import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text

// 1: the baseline and the answers behind it
assert log.contains('Rubric: wrote the baseline of 12 tests')
def answers = new File(basedir, 'src/test/rubric/baseline-answers.json')
assert answers.isFile()
def kept = new JsonSlurper().parse(answers)
assert kept.runId == 'baseline-answers'
assert kept.tests.any { it.verdicts.any { v -> v.scoreDescriptions?.size() == 5 } }
assert !answers.text.contains('"latencyMs" : 1')

// 2 and 3: re-judging, twice (from the answers kept beside the baseline, then from target/rubric): no test ran
assert log.count('Rubric: re-judging the answers stored in') == 2
assert log.contains('baseline-answers.json (1 results file)')
assert log.contains('[INFO] [judge] rubric-judge-batch: grading 14 with keyword:strict-keyword-judge@2')
assert log.count('[INFO] Rubric: re-judged 14 verdicts of 12 tests with keyword:strict-keyword-judge@2 (it, greedy, max 1024 tokens); they were given by keyword:keyword-judge@1 (it, greedy, max 1024 tokens)') == 2
// 10 absolute verdicts (8 cases, 2 samples) went from 5 to 3; 2 stayed; both orders of the pairwise check agree
assert log.contains('[INFO] Rubric: agreement: 2 of 12 scores the same (16.7%), 2 within one point; the new scores are -1.67 on average (1.67 apart); 2 of 2 pairwise winners the same')
assert log.contains('[INFO] Rubric: 9 tests changed outcome: SupportBotTest.answersRefundQuestions [1] damaged passed -> failed')
assert log.contains('SupportBotTest.staysOnRefunds passed -> failed')
assert log.contains('[INFO] Rubric: against the old verdicts, all tests: 9 tests got worse (passed, now fail) and 0 better, 3 unchanged; mean score 4.73 -> 3.09 (-1.64, 95% interval -2.18 to -1.09) over 11 tests scored in both: 9 lower, 0 higher, 2 the same. A drop this large happens by chance in 0.39% of runs: beyond noise (alpha 0.05).')
def rejudged = new File(basedir, 'rejudged').listFiles().findAll { it.name ==~ /results-.*-rejudged\.json/ }
assert rejudged.size() == 1
def results = new JsonSlurper().parse(rejudged[0])
assert results.judge.model == 'strict-keyword-judge'
assert results.tests.find { it.displayName == 'staysOnRefunds()' && it.parentId == null }.outcome == 'FAILED'
assert results.tests.find { it.displayName == 'explainsTheRefundWindow()' }.outcome == 'PASSED'
def report = new File(basedir, 'rejudged/report/index.html').text
assert report.contains('<h2>Re-judged</h2>') && report.contains('Changed outcome <span class="count">9</span>')

// 4: the gate on the re-judged results
assert log.contains('all tests: pass rate 25.0% (3 of 12 tests) is below the minimum 90.0%')

// 5: the tests with the new judge, against the baseline: beyond noise breaks the gate
assert log.contains('all tests: dropped beyond noise against the baseline: 9 tests got worse (passed, now fail) and 0 better, 3 unchanged')
assert !log.contains('different judges')
assert log.count('BUILD SUCCESS') == 3
assert log.count('BUILD FAILURE') == 2
return true
