"""Profile `mkdocs build -q` in the current folder by CPU time (not wall time: the machine is shared).

    python benchmarks/build/cpuprofile.py OUT.prof [extra mkdocs build args]
"""

import cProfile
import sys
import time

from mkdocs.__main__ import cli

out = sys.argv[1]
profiler = cProfile.Profile(time.process_time)
try:
    profiler.runcall(cli.main, ["build", "-q", *sys.argv[2:]], standalone_mode=False)
finally:
    profiler.dump_stats(out)
