def log = new File(basedir, 'build.log').text

assert log.contains('refusing the results file ') && log.contains('results-x.json: it is not a regular file (a FIFO, socket or device)')
assert log.contains('BUILD FAILURE')
return true
