"""Runs `TLC FILE --emit=tl` on every .tl file of a directory and fails if
any run ends with a signal (a crash or an assertion), an exit status other
than 0 or 1, reports an "internal error" (the front end generated a module
that does not verify), or takes longer than the timeout (a hang). Each run may use at most 4 GiB
of address space, so a runaway allocation fails fast instead of taking the
machine's memory. Used by
fuzz-regressions.test on the inputs the fuzzer found (scripts/fuzz.sh).

usage: no-crash.py TLC DIR [TIMEOUT_SECONDS]
"""

import os
import resource
import subprocess
import sys

MEMORY_LIMIT = 4 << 30


def limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


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
                                 stderr=subprocess.PIPE, timeout=timeout,
                                 preexec_fn=limit_memory)
        except subprocess.TimeoutExpired:
            print("FAIL %s: no result after %g s (hang)" % (name, timeout))
            bad += 1
            continue
        stderr = run.stderr.decode(errors="replace")
        internal = "error: internal error" in stderr
        if run.returncode in (0, 1) and not internal:
            print("ok   %s: exit status %d" % (name, run.returncode))
            continue
        bad += 1
        how = ("killed by signal %d" % -run.returncode if run.returncode < 0
               else "an internal error" if internal
               else "exit status %d" % run.returncode)
        print("FAIL %s: %s" % (name, how))
        sys.stdout.write(stderr[-2000:])
    print("%d of %d inputs failed" % (bad, len(files)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
