"""Runs `TLC FILE --emit=tl` on every .tl file of a directory and fails if
any run ends with a signal (a crash or an assertion), an exit status other
than 0 or 1, or takes longer than the timeout (a hang). Used by
fuzz-regressions.test on the inputs the fuzzer found (scripts/fuzz.sh).

usage: no-crash.py TLC DIR [TIMEOUT_SECONDS]
"""

import os
import subprocess
import sys


def main():
    tlc, directory = sys.argv[1], sys.argv[2]
    timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    files = sorted(f for f in os.listdir(directory) if f.endswith(".tl"))
    if not files:
        print("no .tl files in %s" % directory)
        return 1
    bad = 0
    for name in files:
        path = os.path.join(directory, name)
        try:
            run = subprocess.run([tlc, path, "--emit=tl", "-o", os.devnull],
                                 stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            print("FAIL %s: no result after %g s (hang)" % (name, timeout))
            bad += 1
            continue
        if run.returncode in (0, 1):
            print("ok   %s: exit status %d" % (name, run.returncode))
            continue
        bad += 1
        how = ("killed by signal %d" % -run.returncode if run.returncode < 0
               else "exit status %d" % run.returncode)
        print("FAIL %s: %s" % (name, how))
        sys.stdout.write(run.stderr.decode(errors="replace")[-4000:])
    print("%d of %d inputs failed" % (bad, len(files)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
