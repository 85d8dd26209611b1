#!/usr/bin/env python3
"""Times whole processes, alternating between commands run after run so that
the machine's load falls on all of them alike.

    bench/alternate.py [--runs N] [--warmup N] [--setup CMD] CMD...

Each CMD is a shell command run in the current folder; --setup runs before
every timed run (not timed), e.g. to restore a fresh database. Prints, per
command, the mean ± standard deviation and the median in milliseconds, and
each command's median against the first's."""
import argparse, statistics, subprocess, time

def run(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    took = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise SystemExit(f"`{cmd}` failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return took

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=100)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--setup")
    p.add_argument("commands", nargs="+")
    a = p.parse_args()
    times = {c: [] for c in a.commands}
    for i in range(a.warmup + a.runs):
        for c in a.commands:
            if a.setup:
                subprocess.run(a.setup, shell=True, check=True)
            t = run(c)
            if i >= a.warmup:
                times[c].append(t)
    base = statistics.median(times[a.commands[0]])
    for c in a.commands:
        ts = times[c]
        med = statistics.median(ts)
        print(f"{statistics.mean(ts):8.2f} ms ± {statistics.stdev(ts):6.2f}  median {med:8.2f} ms  ({med / base:.3f}× the first)  {c}")

main()
