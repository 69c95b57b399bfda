// A Spring Boot 4 application tested with @SpringBootTest classes of @RubricTest methods (JUnit 6.0 from Boot's BOM).
def reports = new File(basedir, 'target/surefire-reports')
def jupiter = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-com.example.shop.ShopApplicationTests.xml'))
assert jupiter.@tests.text() == '1' && jupiter.@failures.text() == '0' && jupiter.@errors.text() == '0'

def results = new File(basedir, 'target/rubric').listFiles().findAll { it.name.startsWith('results-') }
assert results.size() == 1 : "expected one results file, found ${results}"
def json = new groovy.json.JsonSlurper().parse(results[0])
def outcomes = json.tests.collectEntries { [(it.uniqueId): it.outcome] }
println "rubric results: ${outcomes}"
assert json.tests.size() == 8 : "${json.tests.size()} results"   // 2 plain tests + 2 sampled tests with 2 samples each
assert json.tests.every { it.outcome == 'PASSED' } : outcomes
assert json.tests.find { it.methodName == 'statesTheRefundPeriod' }.tags == ['quality']
assert json.tests.find { it.methodName == 'statesTheRefundPeriod' }.verdicts[0].score == 5

// injection worked in each class (the tests passed), Spring's context cache gave the two classes configured alike
// one context, and @DirtiesContext(AFTER_EACH_TEST_METHOD) gave each sample of the third class a fresh one
def contexts = new File(basedir, 'target/contexts.txt').readLines()*.split(' ').groupBy { it[0] }
assert contexts.RefundAnswersTest*.getAt(1) as Set == contexts.LateRefundAnswersTest*.getAt(1) as Set : contexts
def dirty = contexts.ShortPolicyAnswersTest*.getAt(1)
assert dirty.size() == 2 && dirty[0] != dirty[1] : "@DirtiesContext: ${dirty}"
assert !(dirty as Set).intersect(contexts.RefundAnswersTest*.getAt(1) as Set) : 'a differently configured class shared a context'
return true
