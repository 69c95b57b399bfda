// Both engines ran under plain `mvn test`, and the failing rubric test is in Surefire's XML report with its message.
def report = new File(basedir, 'target/surefire-reports/TEST-com.example.SupportBotTest.xml')
assert report.isFile() : "no Surefire report at ${report}"
def suite = new groovy.xml.XmlSlurper().parse(report)
def cases = suite.testcase.collectEntries { [(it.@name.text()): it] }
println "Surefire test cases: ${cases.keySet()}"

['answersAreNeverEmpty', 'rubricAssertionsWorkInPlainJupiterTests'].each { name ->
    def c = cases.find { k, v -> k.startsWith(name) }
    assert c : "the Jupiter test ${name} is missing from the report"
    assert c.value.failure.size() == 0 && c.value.error.size() == 0 : "${name} should pass"
}
def explains = cases.find { k, v -> k.startsWith('explainsRefunds') }
assert explains : 'the rubric test explainsRefunds is missing from the report'
assert explains.value.failure.size() == 0

def declared = cases.find { k, v -> k.startsWith('declaredRefund') }
assert declared : 'the failing rubric test declaredRefund is missing from the report'
def failure = declared.value.failure.size() > 0 ? declared.value.failure : declared.value.error
assert failure.size() > 0 : 'declaredRefund should fail'
def message = failure.@message.text() + failure.text()
assert message.contains('but the judge gave 2') : message
assert message.contains('The answer does not address the question.') : message

// a sampled test that misses its pass rate fails as a whole, with the pass rate in the message
def sampled = cases.find { k, v -> k == 'legacyAnswerIsStable' }
assert sampled : 'the sampled test legacyAnswerIsStable is missing from the report'
assert sampled.value.failure.@message.text().contains('the sampled test failed: 0/2 samples passed') : sampled.value.failure.@message.text()
// ...while a passing sampled test leaves no failure behind
cases.findAll { k, v -> k.startsWith('refundAnswerIsStable') }.each { k, v ->
    assert v.failure.size() == 0 && v.error.size() == 0 : "${k} should not fail"
}

// the rubric engine and the plain Jupiter test, configured alike in one JVM, share one judge: built once
def constructions = new File(basedir, 'target/keyword-judge-constructions.txt').readLines()
assert constructions.size() == 1 : "the judge was built ${constructions.size()} times in one test JVM"

// Surefire names samples and cases by the engine's legacy reporting names: a case by its name, a sample of a method by
// its number (Surefire keeps a parameterless method's legacy name only when it ends in "[number]")
['refundAnswerIsStable[1]', 'refundAnswerIsStable[2]',
 'answersRefundQuestions[refund window]', 'answersRefundQuestions[partial refund]',
 'reliablyAnswersRefundQuestions[refund window, sample 1 of 2]',
 'reliablyAnswersRefundQuestions[partial refund, sample 2 of 2]'].each { name ->
    assert cases.containsKey(name) : "no test case ${name} in Surefire's report: ${cases.keySet()}"
    assert cases[name].failure.size() == 0 && cases[name].error.size() == 0 : "${name} should pass"
}

def log = new File(basedir, 'build.log').text
assert log.contains('Rubric results') : 'no summary table in the build log'

def results = new File(basedir, 'target/rubric').listFiles().findAll { it.name.startsWith('results-') && it.name.endsWith('.json') }
assert results.size() == 2 : "expected the engine's results file and one for the Jupiter tests' checks, found ${results}"
def files = results.collect { new groovy.json.JsonSlurper().parse(it) }
def engine = files.find { f -> f.tests.every { it.uniqueId.startsWith('[engine:rubric]') } }
assert engine : "no results file of the rubric engine alone: ${files*.tests*.uniqueId}"
assert engine.judge.backend == 'keyword'
def tests = engine.tests.collect { it.methodName }
assert tests.containsAll(['explainsRefunds', 'newAnswerBeatsLegacy', 'refundAnswerIsStable', 'declaredRefund']) : tests
// the plain Jupiter test that made a rubric check is recorded too, by the same judge; the one that made none is not
def jupiter = files.find { it != engine }
assert jupiter.judge.backend == 'keyword'
assert jupiter.tests*.methodName == ['rubricAssertionsWorkInPlainJupiterTests'] : jupiter.tests*.methodName
assert jupiter.tests[0].uniqueId.startsWith('[engine:junit-jupiter]')
assert jupiter.tests[0].outcome == 'PASSED'
return true
