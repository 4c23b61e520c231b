"""`python -m pipeline`: the command line as a process of its own.

Five settings only a process of its own may make; the four on time save about 0.4 s of CPU
in a cold build, on a 2-core machine a third of a second of its time (BENCHMARKS.md):
- numpy's OpenBLAS starts no pool of threads: the pipeline multiplies no matrices, and the
  pool's threads spin for a while after numpy is imported, about 0.12 s of CPU taken from
  the parsing on a 2-core machine.
- hypothesis, a test dependency installed beside the pipeline, is not imported: pandera
  imports it when it is present only to offer data synthesis, which the pipeline never uses.
- the garbage collector does not run on its own: importing pandas and pandera and parsing
  pages allocate millions of objects, hardly any of them cyclic garbage, and even rare
  passes over them cost about 0.1 s (every 700 allocations) or 0.04 s (every 10,000). A
  build collects once, before it forks the child that builds the files
  (pipeline/io/processes.py); at 1,000 pages, or drawing 200 in `qa`, its memory is what it
  was with the collector on.
- pyarrow allocates with the C library's malloc, not its own mimalloc pool, which keeps
  what it freed for reuse: the child that builds the files gives it back, about 25 MiB at
  1,000 pages (BENCHMARKS.md).
- the interpreter's teardown is skipped once the command has finished: freeing pandas',
  pyarrow's and pandera's modules one by one costs about 0.1 s, and every file the
  command wrote is closed already; only stdout and stderr are left to flush.
"""

import gc
import os
import sys

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
sys.modules.setdefault("hypothesis", None)  # type: ignore[arg-type]  # None: "not importable"
gc.disable()

from pipeline.cli import main  # noqa: E402 - after the settings above, which imports obey

code = main()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
