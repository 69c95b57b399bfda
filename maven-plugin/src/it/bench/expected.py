# Computes the numbers verify.groovy expects from the slices in data/, independently of Rubric's Java statistics:
# python3 expected.py   (no libraries; the formulas as scipy.stats defines them: pearsonr, spearmanr with average
# ranks, kendalltau variant b). Each grading is sampled 3 times (the paper's k); sample i takes answer i of its script.
import json, math, re
S = re.compile(r'\[\[scripted: ([^\]]*)]]')
def script(text): return S.search(text).group(1).split()
def mean(xs): return sum(xs) / len(xs)
def pearson(x, y):
    mx, my = mean(x), mean(y)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    return sxy / math.sqrt(sum((a - mx) ** 2 for a in x) * sum((b - my) ** 2 for b in y))
def ranks(x):
    order = sorted(range(len(x)), key=lambda i: x[i]); r = [0.0] * len(x); i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and x[order[j + 1]] == x[order[i]]: j += 1
        for k in range(i, j + 1): r[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return r
def spearman(x, y): return pearson(ranks(x), ranks(y))
def kendall_b(x, y):
    c = d = tx = ty = 0
    for i in range(len(x)):
        for j in range(i + 1, len(x)):
            dx, dy = x[i] - x[j], y[i] - y[j]
            if dx == 0 and dy == 0: continue
            if dx == 0: tx += 1
            elif dy == 0: ty += 1
            elif dx * dy > 0: c += 1
            else: d += 1
    return (c - d) / math.sqrt((c + d + tx) * (c + d + ty))
def samples(text): s = script(text); return [s[i % len(s)] for i in range(3)]

v = json.load(open('data/vicuna_eval.json'))
judge, gpt4, fails = [], [], 0
for r in v:
    s = samples(r['instruction'])
    if 'x' in s: fails += 1; continue
    judge.append(mean([int(a) for a in s])); gpt4.append(mean(r['gpt4_score']))
print('vicuna n', len(judge), 'parse failures', fails)
print('  pearson %.10f spearman %.10f kendallTauB %.10f' % (pearson(judge, gpt4), spearman(judge, gpt4), kendall_b(judge, gpt4)))

h = json.load(open('data/hhh_alignment_eval.json'))
by, ties, fails = {}, 0, 0
for r in h:
    c, j = samples(r['chosen_instruction']), samples(r['rejected_instruction'])
    if 'x' in c or 'x' in j: fails += 1; continue
    mc, mj = mean([int(a) for a in c]), mean([int(a) for a in j])
    ties += mc == mj
    by.setdefault(r['source'], []).append(mc > mj)
allr = [x for v in by.values() for x in v]
print('hhh n', len(allr), 'parse failures', fails, 'ties', ties)
for k in sorted(by): print('  %s %.10f' % (k, mean(by[k])))
print('  all %.10f meanOfSources %.10f' % (mean(allr), mean([mean(v) for v in by.values()])))

right_all = right_untied = n = untied = fails = 0
for line in open('data/autoj_pairwise.json'):
    r = json.loads(line); s = samples(r['prompt'])
    if 'x' in s: fails += 1; continue
    pick = 0 if s.count('A') > s.count('B') else 1   # majority of 3
    n += 1; right_all += pick == r['label']
    if r['label'] != 2: untied += 1; right_untied += pick == r['label']
print('autoj n', n, 'parse failures', fails, 'untied', untied)
print('  withTies %.10f withoutTies %.10f' % (right_all / n, right_untied / untied))
