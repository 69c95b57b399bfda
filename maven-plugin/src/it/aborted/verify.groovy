def log = new File(basedir, 'build.log').text

// first build: aborted tests are not passes; the default maxAborted of 0 fails the build with the reason
assert log.contains('[WARNING] Rule violated for all tests: 1 test aborted (no verdict: the judge failed), at most 0 allowed')
assert log.contains('    RefundTest.handlesChargebacks: aborted: the judge at http://127.0.0.1:8000/v1 did not answer within 60 s (3 attempts): is the server up?')
// the pass rate leaves the aborted test out: 1 of 1
assert log =~ /\[INFO\] all tests\s+2 \(1 aborted\)\s+100\.0%/
assert log.contains('BUILD FAILURE')
// second build: haltOnFailure=false only warns
assert log.contains('1 rule broken. (haltOnFailure=false: not failing the build)')
assert log.contains('BUILD SUCCESS')
return true
