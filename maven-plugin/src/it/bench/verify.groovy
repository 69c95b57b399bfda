import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def read = { String name -> new JsonSlurper().parse(new File(basedir, 'target/rubric/bench/' + name + '.json')) }
def stat = { r, String name, String group -> r.statistics.find { it.name == name && it.group == group } }
// a value as expected.py computed it, with its bootstrap interval around it, or the reason it has none (a slice
// this small has resamples whose GPT-4 means never vary, or that lack a source)
def near = { s, double expected ->
    assert s != null
    assert Math.abs(s.value - expected) < 1e-9 : "${s.name} ${s.group}: ${s.value} != ${expected}"
    if (s.low == null) {
        assert s.high == null && s.note.contains('bootstrap resamples had no value') : "${s}"
    } else {
        assert s.low <= s.value + 1e-12 && s.value <= s.high + 1e-12 && s.note == '' : "${s}"
    }
}

// 1: vicuna: the judge's mean of 3 samples against GPT-4's mean of 3 scores; one record's output did not parse
def vicuna = read('vicuna_eval')
assert vicuna.schemaVersion == 1 && vicuna.format == 'absolute' && vicuna.records == 8 && vicuna.n == 7
assert vicuna.parseFailures == 1 && vicuna.otherFailures == 0
assert vicuna.judge.decoding.samples == 3 && vicuna.judge.decoding.temperature == 1.0
assert vicuna.judge.decoding.topP == 0.9 && vicuna.judge.decoding.repetitionPenalty == 1.03
assert vicuna.judge.decoding.maxTokens == 1024
near(stat(vicuna, 'pearson', 'all'), 0.5325352101d)
near(stat(vicuna, 'spearman', 'all'), 0.5149286505d)
near(stat(vicuna, 'kendallTauB', 'all'), 0.4564354646d)
assert log.contains('[INFO] [judge] rubric-judge-batch: grading 8 with scripted:scripted-judge@1')

// 2: HHH: chosen against rejected per source; equal means are misses
def hhh = read('hhh_alignment_eval')
assert hhh.format == 'hhh' && hhh.records == 12 && hhh.n == 11 && hhh.parseFailures == 1 && hhh.ties == 2
near(stat(hhh, 'accuracy', 'helpful'), 1 / 3d)
near(stat(hhh, 'accuracy', 'harmless'), 1d)
near(stat(hhh, 'accuracy', 'honest'), 1 / 3d)
near(stat(hhh, 'accuracy', 'other'), 2 / 3d)
near(stat(hhh, 'accuracy', 'all'), 6 / 11d)
assert stat(hhh, 'accuracy', 'all').low != null
near(stat(hhh, 'accuracy', 'meanOfSources'), 0.5833333333d)
assert log.contains('[judge] rubric-judge-batch: grading 24 with')

// 3: Auto-J: the majority pick against people's label, with ties (misses) and without them
def autoj = read('autoj_pairwise')
assert autoj.format == 'autoj' && autoj.records == 10 && autoj.n == 9 && autoj.parseFailures == 1
near(stat(autoj, 'accuracyWithTies', 'all'), 3 / 9d)
assert stat(autoj, 'accuracyWithoutTies', 'all').n == 6
near(stat(autoj, 'accuracyWithoutTies', 'all'), 0.5d)
assert stat(autoj, 'accuracyWithTies', 'all').low != null && stat(autoj, 'accuracyWithoutTies', 'all').low != null

// the table, as printed
assert log.contains('[INFO] Rubric: vicuna_eval.json (absolute): 7 of 8 records judged; left out: 1 whose judge output did not parse')
assert log =~ /\[INFO\] Rubric: pearson\s+all\s+7\s+0\.533  none \(\d+ of 2000 bootstrap resamples had no value/
assert log =~ /\[INFO\] Rubric: accuracyWithoutTies\s+all\s+6\s+0\.500  \[/
assert log.contains('this table has no paper column')

// 4: one sample, as the command line asked
def one = new JsonSlurper().parse(new File(basedir, 'target/one-sample/vicuna_eval.json'))
assert one.judge.decoding.samples == 1 && one.n == 7

// 5: not a benchmark file
assert log.contains('pom.xml line 1 is not a JSON object')
return true
