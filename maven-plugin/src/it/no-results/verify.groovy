def log = new File(basedir, 'build.log').text

assert log.contains('No rubric results in ')
assert log.contains('(no results-*.json files). These test classes have @RubricTest methods but did not run: com.example.bot.SupportQualityTest.')
assert log.contains('rubric-junit is a test dependency')
assert log.contains('by default only classes named *Test, Test*, *Tests or *TestCase run')
assert log.contains('<failIfNoResults>false</failIfNoResults>')
assert log.contains('BUILD FAILURE')
// second build: -Drubric.failIfNoResults=false
assert log.contains('did not run: com.example.bot.SupportQualityTest. Their names match Surefire')
assert log.contains('(failIfNoResults=false: not failing)')
assert log.contains('BUILD SUCCESS')
return true
