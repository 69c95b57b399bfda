def dir = new File(basedir, 'target/hostile')
dir.mkdirs()
def fifo = new File(dir, 'results-x.json')
fifo.delete()
def mkfifo = ['mkfifo', fifo.absolutePath].execute()
assert mkfifo.waitFor() == 0 : "mkfifo failed: ${mkfifo.err.text}"
return true
