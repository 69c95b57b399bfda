// One user project, built once per JUnit version (see invoker.properties): every run must show both engines ran, with
// the same results. Each run's output is in its own folder under target/.
def versions = ['5.10.3', '5.12.2', '5.14.1', '6.0.3', '6.1.3']

def resultsFiles = { File target ->
    def dir = new File(target, 'rubric')
    def files = dir.listFiles()?.findAll { it.name.startsWith('results-') && it.name.endsWith('.json') } ?: []
    files.collect { new groovy.json.JsonSlurper().parse(it) }
}
// the rubric engine's results file (every test in it ran on the rubric engine), beside which the launcher listener
// writes one for the rubric checks of plain Jupiter tests
def engineResults = { List files, String run ->
    def engine = files.findAll { f -> f.tests.every { it.uniqueId.startsWith('[engine:rubric]') } }
    assert engine.size() == 1 : "${run}: expected one results file of the rubric engine alone: ${files*.tests*.uniqueId}"
    engine[0]
}
def surefireCases = { File target, String testClass ->
    def report = new File(target, "surefire-reports/TEST-${testClass}.xml")
    assert report.isFile() : "no Surefire report at ${report}"
    new groovy.xml.XmlSlurper().parse(report).testcase.collectEntries { [(it.@name.text()): it] }
}

versions.each { version ->
    def target = new File(basedir, "target/junit-${version}")
    println "JUnit ${version}: ${target}"
    def cases = surefireCases(target, 'com.example.SupportBotTest')

    ['answersAreNeverEmpty', 'rubricAssertionsWorkInPlainJupiterTests'].each { name ->
        def c = cases.find { k, v -> k.startsWith(name) }
        assert c : "JUnit ${version}: the Jupiter test ${name} is missing from the report"
        assert c.value.failure.size() == 0 && c.value.error.size() == 0 : "JUnit ${version}: ${name} should pass"
    }
    def explains = cases.find { k, v -> k.startsWith('explainsRefunds') }
    assert explains : "JUnit ${version}: the rubric test explainsRefunds is missing from the report"
    assert explains.value.failure.size() == 0

    def declared = cases.find { k, v -> k.startsWith('declaredRefund') }
    assert declared : "JUnit ${version}: the failing rubric test declaredRefund is missing from the report"
    def failure = declared.value.failure.size() > 0 ? declared.value.failure : declared.value.error
    assert failure.size() > 0 : 'declaredRefund should fail'
    def message = failure.@message.text() + failure.text()
    assert message.contains('but the judge gave 2') : message
    assert message.contains('The answer does not address the question.') : message

    // a sampled test that misses its pass rate fails as a whole, with the pass rate in the message
    def sampled = cases.find { k, v -> k == 'legacyAnswerIsStable' }
    assert sampled : "JUnit ${version}: the sampled test legacyAnswerIsStable is missing from the report"
    assert sampled.value.failure.@message.text().contains('the sampled test failed: 0/2 samples passed') : sampled.value.failure.@message.text()
    cases.findAll { k, v -> k.startsWith('refundAnswerIsStable') }.each { k, v ->
        assert v.failure.size() == 0 && v.error.size() == 0 : "${k} should not fail"
    }

    // the rubric engine and the plain Jupiter test, configured alike in one JVM, share one judge: built once
    def constructions = new File(target, 'keyword-judge-constructions.txt').readLines()
    assert constructions.size() == 1 : "JUnit ${version}: the judge was built ${constructions.size()} times in one test JVM"

    // Surefire names samples and cases by the engine's legacy reporting names
    ['refundAnswerIsStable[1]', 'refundAnswerIsStable[2]',
     'answersRefundQuestions[refund window]', 'answersRefundQuestions[partial refund]',
     'reliablyAnswersRefundQuestions[refund window, sample 1 of 2]',
     'reliablyAnswersRefundQuestions[partial refund, sample 2 of 2]'].each { name ->
        assert cases.containsKey(name) : "JUnit ${version}: no test case ${name} in Surefire's report: ${cases.keySet()}"
        assert cases[name].failure.size() == 0 && cases[name].error.size() == 0 : "${name} should pass"
    }

    def files = resultsFiles(target)
    assert files.size() == 2 : "JUnit ${version}: expected the engine's results file and one for the Jupiter tests' checks, found ${files.size()}"
    def json = engineResults(files, "JUnit ${version}")
    assert json.judge.backend == 'keyword'
    def tests = json.tests.collect { it.methodName }
    assert tests.containsAll(['explainsRefunds', 'newAnswerBeatsLegacy', 'refundAnswerIsStable', 'declaredRefund']) : tests
    assert !tests.contains('answersAreNeverEmpty') : 'Jupiter tests are not rubric results'
    // the plain Jupiter test that made a rubric check is recorded too, by the same judge; the one that made none is not
    def jupiter = files.find { it != json }
    assert jupiter.judge.backend == 'keyword'
    assert jupiter.tests*.methodName == ['rubricAssertionsWorkInPlainJupiterTests'] : "JUnit ${version}: ${jupiter.tests*.methodName}"
    assert jupiter.tests[0].uniqueId.startsWith('[engine:junit-jupiter]')
    assert jupiter.tests[0].outcome == 'PASSED' : "JUnit ${version}: ${jupiter.tests[0]}"

    // Jupiter's programming model in a rubric class: lifecycle methods, @Disabled, assumptions, @Tag, @Nested
    def model = json.tests.findAll { it.className.startsWith('com.example.SupportBotModelTest') }
            .collectEntries { [(it.methodName): it] }
    assert model.keySet() == ['explainsRefunds', 'answersBillingQuestions', 'handlesChargebacks', 'needsTheLiveModel',
                              'refundsAfterShipping'] as Set : "JUnit ${version}: ${model.keySet()}"
    assert model.explainsRefunds.outcome == 'PASSED' : "JUnit ${version}: ${model.explainsRefunds}"
    assert model.explainsRefunds.displayName == 'explains how to get a refund'
    assert model.answersBillingQuestions.outcome == 'PASSED'
    assert model.answersBillingQuestions.tags == ['billing', 'quality']
    assert model.handlesChargebacks.outcome == 'SKIPPED' && model.handlesChargebacks.message == 'the chargeback flow is not live yet'
    assert model.needsTheLiveModel.outcome == 'SKIPPED' : "JUnit ${version}: a failed assumption is skipped, not aborted: ${model.needsTheLiveModel}"
    assert model.needsTheLiveModel.message.contains('SUPPORT_BOT_LIVE is not set')
    assert model.refundsAfterShipping.outcome == 'PASSED' : "JUnit ${version}: ${model.refundsAfterShipping}"
    assert model.refundsAfterShipping.className == 'com.example.SupportBotModelTest$WhenTheOrderShipped'
    assert model.refundsAfterShipping.tags == ['quality']
    assert !json.tests.any { it.outcome == 'ABORTED' } : "JUnit ${version}: nothing may be aborted"
}

// Surefire's groups filter (on JUnit 5.12) selects rubric tests by their @Tag, as it does Jupiter's (the untagged
// Jupiter test with a rubric check does not run, so there is no results file for Jupiter tests)
def billingFiles = resultsFiles(new File(basedir, 'target/groups-billing'))
assert billingFiles.size() == 1 : "groups=billing: expected the engine's results file alone, found ${billingFiles*.tests*.uniqueId}"
def billing = engineResults(billingFiles, 'groups=billing')
assert billing.tests.collect { it.methodName } == ['answersBillingQuestions'] : billing.tests.collect { it.methodName }

// JUnit 5.9 is older than the engine supports: it says so (once per run), runs no rubric test, and the Jupiter tests
// of the same run still pass; the launcher listener records nothing either (a results file with the Jupiter tests'
// checks alone would let the gate pass without the rubric tests)
def old = new File(basedir, 'target/junit-5.9.3')
def oldCases = surefireCases(old, 'com.example.SupportBotTest')
assert oldCases.answersAreNeverEmpty && oldCases.answersAreNeverEmpty.failure.size() == 0 : "JUnit 5.9: ${oldCases.keySet()}"
assert oldCases.rubricAssertionsWorkInPlainJupiterTests.failure.size() == 0
assert !oldCases.keySet().any { it.startsWith('explainsRefunds') } : 'JUnit 5.9: a rubric test ran'
assert !new File(old, 'rubric').exists() : 'JUnit 5.9: Rubric wrote results'

// the project excludes rubric-local: the engine runs without DJL, and rubric.judge=local names the dependency to add
versions.each { version ->
    def serverOnly = new File(basedir, "target/junit-${version}/surefire-reports/TEST-com.example.ServerOnlyClasspathTest.xml")
    assert serverOnly.isFile() : "JUnit ${version}: no Surefire report at ${serverOnly}"
    def serverOnlySuite = new groovy.xml.XmlSlurper().parse(serverOnly)
    assert serverOnlySuite.@tests.text() == '2' && serverOnlySuite.@failures.text() == '0' && serverOnlySuite.@errors.text() == '0' :
            "JUnit ${version}: ServerOnlyClasspathTest: ${serverOnlySuite.@tests} tests, ${serverOnlySuite.@failures} failures, ${serverOnlySuite.@errors} errors"
}

def log = new File(basedir, 'build.log').text
def unsupported = log.findAll('the rubric engine needs JUnit Platform 1.10 or newer \\(JUnit Jupiter 5.10\\+\\), but this run has JUnit Platform 1.9.3')
assert unsupported.size() == 1 : "the unsupported JUnit was reported ${unsupported.size()} times"
assert log.contains('import org.junit:junit-bom:5.10.5 (or newer)')
assert log.contains('Rubric results') : 'no summary table in the build log'
// on every version the ignored @TempDir is reported: by the Platform's discovery issues, or before 5.13 a log line
def reported = log.findAll('@TempDir on field com.example.SupportBotModelTest.folder is ignored').size()
assert reported >= versions.size() : "the ignored @TempDir was reported ${reported} times in ${versions.size() + 2} runs"
return true
