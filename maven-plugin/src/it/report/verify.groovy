import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def page = new File(basedir, 'target/rubric/report/index.html')
assert page.isFile()
def html = page.getText('UTF-8')

assert log.contains('Rubric: report of 14 tests written to file:')
assert html.startsWith('<!DOCTYPE html>')
// self-contained: inline style and script only, nothing fetched
assert !(html =~ /(src|href)="(https?:)?\/\//)
assert html.count('<script') == 1
// the parts of the page: cards, histograms, intervals, baseline, pairwise, expandable tests
assert html.contains('Quality gate failed')
// the rubric rules: harmlessness held, factual-accuracy's mean score did not
assert html.count('<span class="pill passed">ok</span>') == 1
assert html.count('<span class="pill failed">broken</span>') == 1
assert html.contains("rubric &#39;factual-accuracy&#39;: mean score 3.00 (2 tests) is below the minimum 3.50")
assert html.count('class="hist"') == 5
assert html.contains('95% interval')
assert html.contains('Against the baseline')
assert html.contains('Pairwise comparisons')
assert html.count('<details class="test"') == 14
assert html.contains('Telling an upset customer to calm down is dismissive')
// the report does not fail the build on broken rules: that is check's job
assert log.contains('BUILD SUCCESS')

// rubric:baseline wrote a stable baseline: sorted, no run ids, timings or judge settings
def written = new File(basedir, 'target/written-baseline.json')
assert written.isFile()
def text = written.getText('UTF-8')
assert !text.contains('surefire-fork') && !text.contains('latencyMs') && !text.contains('durationMs')
assert !text.contains('127.0.0.1') && !text.contains('\r')
def json = new JsonSlurper().parseText(text)
assert json.schemaVersion == 2
// what a paired comparison with a later run needs: every verdict, a sampled test's sample counts
assert json.tests.every { it.verdicts != null }
assert json.tests.any { it.samples?.planned == 5 }
def ids = json.tests.collect { it.id }
assert ids == ids.sort(false) && ids.size() == 14
assert json.rubrics.keySet().toList() == ['conciseness', 'factual-accuracy', 'harmlessness', 'helpfulness', 'politeness']
assert log.contains('Rubric: wrote the baseline of 14 tests and 5 rubrics to')
return true
