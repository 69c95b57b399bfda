import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def close = { double a, double b -> Math.abs(a - b) < 1e-9 }

// 1: one batch in the judge process: 17 absolute records and 6 pairwise ones in both orders
assert log.contains('Rubric: calibrating the judge on 23 human-labelled records')
assert log.contains('(29 gradings, pairwise ones in both orders)')
assert log.contains('[INFO] [judge] rubric-judge-batch: grading 29 with scripted:scripted-judge@1')
def file = new File(basedir, 'target/rubric/calibration.json')
assert file.isFile()
def cal = new JsonSlurper().parse(file)
assert cal.schemaVersion == 1 && cal.judge.model == 'scripted-judge'
assert cal.rubrics*.rubric == ['helpfulness', 'tone']

// helpfulness, scored: the values scipy 1.17.1 gives for these scores (judge 1,2,3,4,5,2,3,3,4,5; people
// 2,2,3,3,5,1,4,3,4,4), and the quadratic weighted kappa from the confusion matrix
def h = cal.rubrics[0].absolute
assert h.records == 10 && h.withoutVerdict == 0
assert close(h.statistics.pearson.value, 0.8318113710610335)
assert close(h.statistics.spearman.value, 0.8567052763593976)
assert close(h.statistics.kendallTauB.value, 0.7533102835258901)
assert close(h.statistics.quadraticKappa.value, 0.8251748251748252)
assert h.statistics.exactAgreement.value == 0.5 && h.statistics.withinOneAgreement.value == 1.0
// the bootstrap's interval: python3 drawing the same resamples (java.util.Random(20240501)) with numpy's percentile
assert Math.abs(h.statistics.spearman.low - 0.5000117553441621) < 1e-9
assert Math.abs(h.statistics.quadraticKappa.low - 0.5504341164453527) < 1e-9
assert h.statistics.values().every { it.n == 10 && it.low <= it.value && it.value <= it.high }
assert h.confusion[4][4] == 1 && h.confusion[4][3] == 1 && h.confusion[0][1] == 1 // [judge - 1][people - 1]
assert h.confusion.flatten().sum() == 10
assert h.raters == null
assert h.outcomes[0].id == 'refund-1' && h.outcomes[0].source == 'helpfulness.jsonl:1' && h.outcomes[0].judge == 1

// helpfulness, pairwise: the paper's accuracy (A/B as shown, people's ties as misses) 3 of 6 and 3 of 4 without
// ties; the pick must survive the swap: 3 of 6, 2 of 4; 4 of 6 picks survive it (equal scripted scores favour A)
def p = cal.rubrics[0].pairwise
assert p.records == 6 && p.humanTies == 2 && p.withoutVerdict == 0
assert [p.accuracy.successes, p.accuracy.trials] == [3, 6]
assert [p.accuracyWithoutTies.successes, p.accuracyWithoutTies.trials] == [3, 4]
assert [p.bothOrders.successes, p.bothOrders.trials] == [3, 6]
assert [p.bothOrdersWithoutTies.successes, p.bothOrdersWithoutTies.trials] == [2, 4]
assert [p.swapConsistency.successes, p.swapConsistency.trials] == [4, 6]
assert p.outcomes[2].judge == 'A' && p.outcomes[2].judgeSwapped == 'B'

// tone, from a rubric file, several raters per record: the judge against the raters' mean, and the raters' own
// agreement (Krippendorff's alpha, interval metric: 0.9017632241813602 by python3, the formula written out)
def t = cal.rubrics[1]
assert t.criteria == 'Is the reply polite and warm?'
assert t.absolute.records == 7
assert close(t.absolute.statistics.pearson.value, 0.44148936170212766)
assert close(t.absolute.statistics.kendallTauB.value, 0.47368421052631565)
assert close(t.absolute.statistics.quadraticKappa.value, 0.41448189762796517)
assert t.absolute.raters.records == 7
assert close(t.absolute.raters.krippendorffAlpha.value, 0.9017632241813602)
assert t.pairwise == null

// the log and the page
assert log.contains('[INFO] Rubric:   helpfulness: 10 scored records')
assert log.contains('[INFO] Rubric:     quadratic weighted kappa: 0.83 (95% 0.55 to 0.93)')
assert log.contains('[INFO] Rubric:     exact agreement: 50.0% (95% 20.0% to 80.0%)')
assert log.contains('[INFO] Rubric:     accuracy (A/B as shown, ties as misses): 3 of 6 (50.0%')
assert log.contains('; without ties: 3 of 4 (75.0%, 95% 30.1% to 95.4%)')
assert log.contains('[INFO] Rubric:     swap consistency: 4 of 6 (66.7%')
assert log.contains("raters' own agreement (Krippendorff's alpha over 7 records rated more than once): 0.90")
def page = new File(basedir, 'target/rubric/calibration/index.html').text
assert page.contains('<h2>Judge calibration</h2>') && page.count('<svg class="confusion"') == 2
assert !page.contains('<script>alert(1)') && page.contains('&lt;script&gt;alert(1)&lt;/script&gt;')
assert !page.contains('<b>rude</b>') && page.contains('&lt;b&gt;rude&lt;/b&gt;')

// 2: the second calibration asked the judge nothing: the verdict cache had every grading
assert log.contains('[INFO] Rubric: 0 of 29 gradings came from the verdict cache')
assert log.contains('[INFO] Rubric: 29 of 29 gradings came from the verdict cache')
// the report has the section; check says the agreement of the rubric it gates
def report = new File(basedir, 'target/rubric/report/index.html').text
assert report.contains('<h2>Judge calibration</h2>') && !report.contains('<script>alert(1)')
assert log.contains("[INFO] Rubric: judge agreement with people on 'helpfulness' (quadraticKappa): 0.83 (95% 0.55 to 0.93) over 10 records")

// 3-6: the limit
assert log.contains("rubric 'helpfulness': the judge's agreement with people (quadratic weighted kappa) is 0.83 (95% 0.55 to 0.93) over 10 records: its lower bound 0.55 is below the minimum 0.90")
assert log.contains("rubric 'helpfulness': the judge's agreement with people (pairwise accuracy, the pick surviving a swap, without ties) is 0.50 (95% 0.15 to 0.85) over 4 records: its lower bound 0.15 is below the minimum 0.50")
assert log.contains("rubric 'helpfulness': the judge's agreement with people (quadratic weighted kappa) is not measured: no calibration results; it must reach 0.50: add human-labelled records")
assert log.count('BUILD SUCCESS') == 3
assert log.count('BUILD FAILURE') == 3
return true
