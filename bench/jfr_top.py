#!/usr/bin/env python3
"""Where a JFR recording's CPU samples and allocation went, from `jfr print` output: python3
alone. Used by bench/profile.sh.

  jfr print --events jdk.ExecutionSample --stack-depth 200 rec.jfr | jfr_top.py cpu [PATTERN...]
  jfr print --events jdk.ObjectAllocationSample --stack-depth 64 rec.jfr | jfr_top.py alloc [PATTERN...]

Prints the share of samples (cpu) or of sampled bytes (alloc) by thread group, by the first
frame outside the JDK (the code that asked: a JDK collection's cost lands on its caller), by
that frame's package, and, for each PATTERN (a regular expression), the inclusive share of
stacks with a matching frame.

JFR weighs an allocation sample by the bytes its thread allocated since its previous sample;
a thread's first sample carries everything it allocated before the recording, so samples
heavier than 8 MiB are left out and counted apart.
"""
import re
import sys
from collections import Counter

JDK = re.compile(r'(java|javax|jdk|sun)\.')
UNITS = {'bytes': 1, 'byte': 1, 'kB': 1024, 'MB': 1024**2, 'GB': 1024**3}
FIRST_SAMPLE_LIMIT = 8 * 1024**2


def samples(lines):
    """(thread, weight, frames leaf first, class) per event of `jfr print`."""
    thread, weight, cls, frames = '?', 1.0, '?', None
    for line in lines:
        s = line.strip()
        if s.startswith(('sampledThread =', 'eventThread =')):
            thread = s.split('"')[1] if '"' in s else s.split('=', 1)[1].strip()
        elif s.startswith('objectClass ='):
            cls = s.split('=', 1)[1].strip().split(' ')[0]
        elif s.startswith('weight ='):
            m = re.match(r'([\d.,]+)\s*(\w+)', s.split('=', 1)[1].strip())
            weight = float(m.group(1).replace(',', '')) * UNITS.get(m.group(2), 1)
        elif s.startswith('stackTrace = ['):
            frames = []
        elif frames is not None:
            if s.startswith(']'):
                yield thread, weight, frames, cls
                thread, weight, cls, frames = '?', 1.0, '?', None
            elif s and not s.startswith('...'):
                m = re.match(r'(\S+)\(', s)
                if m:
                    frames.append(m.group(1))


def caller(frames):
    return next((f for f in frames if not JDK.match(f)), frames[0] if frames else '?')


def table(title, counts, total, top):
    print(f'\n{title}')
    for key, n in counts.most_common(top):
        print(f'{100 * n / total:5.1f}%  {key}')


def main():
    kind, patterns = sys.argv[1], sys.argv[2:]
    events = list(samples(sys.stdin))
    if kind == 'alloc':
        heavy = [e for e in events if e[1] > FIRST_SAMPLE_LIMIT]
        events = [e for e in events if e[1] <= FIRST_SAMPLE_LIMIT]
    else:
        heavy = []
        events = [(t, 1.0, f, c) for t, _, f, c in events]
    total = sum(e[1] for e in events) or 1
    unit = 'MiB sampled' if kind == 'alloc' else 'samples'
    shown = total / 1024**2 if kind == 'alloc' else total
    print(f'{len(events)} events, {shown:.0f} {unit}' + (f' ({len(heavy)} first samples over 8 MiB left out)' if heavy else ''))
    threads, callers, packages, classes = Counter(), Counter(), Counter(), Counter()
    for thread, weight, frames, cls in events:
        threads[re.sub(r'\d+', 'N', thread)] += weight
        first = caller(frames)
        callers[first] += weight
        packages['.'.join(first.split('.')[:3])] += weight
        classes[cls] += weight
    table('by thread', threads, total, 8)
    if kind == 'alloc':
        table('by class allocated', classes, total, 12)
    table('by package of the first frame outside the JDK', packages, total, 20)
    table('by first frame outside the JDK', callers, total, 30)
    if patterns:
        print('\ninclusive share of stacks with a frame matching')
        for p in patterns:
            rx = re.compile(p)
            n = sum(w for _, w, frames, _ in events if any(rx.search(f) for f in frames))
            print(f'{100 * n / total:5.1f}%  {p}')


if __name__ == '__main__':
    main()
