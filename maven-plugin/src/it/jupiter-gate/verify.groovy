import groovy.json.JsonSlurper

// Rubric checks in plain Jupiter tests reached the gate: the Jupiter test with a low verdict broke it.
def log = new File(basedir, 'build.log').text

// Surefire ran the Jupiter tests and carried on past the failing one (the gate decides)
def report = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/surefire-reports/TEST-com.example.SupportBotQualityTest.xml'))
def failing = report.testcase.find { it.@name.text().startsWith('legacyBotAnswersShippingRefunds') }
assert failing.failure.@message.text().contains('to score at least 4 on "helpfulness", but the judge gave 2')

// one results file, from the listener, with an entry per Jupiter test that made a rubric check
def files = new File(basedir, 'target/rubric').listFiles().findAll { it.name.startsWith('results-') && it.name.endsWith('.json') }
assert files.size() == 1 : "expected the Jupiter tests' results file, found ${files}"
def run = new JsonSlurper().parse(files[0])
assert run.judge.backend == 'keyword'
def tests = run.tests
println "recorded: ${tests.collect { it.methodName + ' ' + it.displayName + ' ' + it.outcome }}"
assert tests.size() == 10 : tests*.displayName
assert tests.every { it.uniqueId.startsWith('[engine:junit-jupiter]') }
assert !tests*.methodName.contains('makesNoRubricCheck')
assert tests.findAll { it.methodName == 'answersRefundQuestions' }.every { it.parentId.endsWith('[test-template:answersRefundQuestions(java.lang.String, com.example.SupportBot)]') }
assert tests.findAll { it.methodName == 'answersTheSameQuestionAlike' }*.displayName.sort() == ['repetition 1 of 2', 'repetition 2 of 2']
def legacy = tests.find { it.methodName == 'legacyBotAnswersShippingRefunds' }
assert legacy.outcome == 'FAILED' && legacy.tags == ['legacy', 'quality'] && legacy.verdicts[0].score == 2
assert tests.find { it.methodName == 'softChecksGoToTheJudgeTogether' }.assertions.size() == 2
assert tests.find { it.methodName == 'checksOnAnotherThreadCarryTheTest' }.outcome == 'PASSED'
assert tests.find { it.methodName == 'assertJForTextRubricForResponses' }.assertions.size() == 2
// a @SpringBootTest whose system under test is an injected bean
def spring = tests.find { it.methodName == 'theInjectedBotExplainsRefunds' }
assert spring.outcome == 'PASSED' && spring.className == 'com.example.SupportBotSpringTest' && spring.verdicts[0].score == 5

// the gate counted them and failed on the low verdict, naming the Jupiter test and the judge's feedback
assert log.contains('[WARNING] Rule violated for all tests: pass rate 90.0% (9 of 10 tests) is below the minimum 100.0%')
assert log.contains("[WARNING] Rule violated for tag 'quality'")
assert log.contains('SupportBotQualityTest.legacyBotAnswersShippingRefunds: helpfulness scored 2 (scoresAtLeast 4): "The answer does not address the question."')
assert log.contains('Rubric quality gate failed')

// the report shows them
def html = new File(basedir, 'target/rubric/report/index.html').getText('UTF-8')
assert html.count('<details class="test"') == 10
assert html.contains('legacyBotAnswersShippingRefunds')
assert html.contains('repetition 2 of 2')
return true
