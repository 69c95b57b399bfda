def log = new File(basedir, 'build.log').text

def warning = '[WARNING] Rubric: com.example.bot.SupportQuality has @RubricTest methods but no results: Surefire did not run it.'
// first build: one warning for the class that did not run (from report, not repeated by check), none for the one that did
assert log.count(warning) == 1
assert log.contains('rename it (e.g. SupportQualityTest), or add <include>**/SupportQuality.java</include>')
assert !log.contains('com.example.bot.SupportQualityTest has @RubricTest methods')
assert log.contains('BUILD SUCCESS')
// second and third builds (-Dtest=SupportQualityTest, -Dgroups=smoke): still one warning in the whole log
assert log.count(warning) == 1
return true
