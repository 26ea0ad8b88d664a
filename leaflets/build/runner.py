"""Running jobs on an executor: one given (Dask's), the build's own process pool, or this process.

The build's own pool gets a few jobs per worker at a time, so that the pool can
be replaced every JOBS_PER_POOL jobs and a worker's memory stays small.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

from .jobs import Job, JobResult
from .options import Options

#: Jobs one process pool runs before a fresh pool takes over: WeasyPrint keeps a
#: little native memory per document (about 0.3 MB) that only a new process returns.
JOBS_PER_POOL = 200


class Runner:
    def __init__(self, options: Options) -> None:
        self.executor = options.executor
        self.workers = options.jobs or os.cpu_count() or 1
        self.parallel = self.executor is None and self.workers > 1
        self.pool: ProcessPoolExecutor | None = None
        self.pool_jobs = 0
        self.futures: set[Future[JobResult]] = set()
        self.queued: deque[Job] = deque()  # for the pool, not yet handed to it
        self.waiting: list[Job] = []  # for this process
        self.submitted = 0

    def submit(self, job: Job) -> None:
        self.submitted += job.files
        if self.executor is not None:
            from .worker import run_job  # loads WeasyPrint: only when there is work

            self.futures.add(self.executor.submit(run_job, job))
        elif self.parallel:
            self.queued.append(job)
            self._feed()
        else:
            self.waiting.append(job)

    def _feed(self) -> None:
        from .worker import run_job, warm_up

        while self.queued and len(self.futures) < 2 * self.workers:
            if self.pool is None or self.pool_jobs >= JOBS_PER_POOL:
                if self.pool is not None:
                    self.pool.shutdown(wait=False)  # its jobs finish, then its workers end
                # Spawned, not forked: a worker must not inherit the output folder's
                # lock, which would outlive a killed build for as long as it runs.
                self.pool = ProcessPoolExecutor(
                    max_workers=self.workers, initializer=warm_up,
                    mp_context=multiprocessing.get_context("spawn"))
                self.pool_jobs = 0
            self.futures.add(self.pool.submit(run_job, self.queued.popleft()))
            self.pool_jobs += 1

    def results(self) -> Iterator[JobResult]:
        """The results of each format, in the order their jobs finish."""
        if self.waiting:
            from .worker import run_job

            for job in self.waiting:
                yield from run_job(job).each()
        while self.futures:
            done, self.futures = wait(self.futures, return_when=FIRST_COMPLETED)
            if self.parallel:
                self._feed()
            for future in done:
                yield from future.result().each()

    def close(self) -> None:
        self.queued.clear()
        for future in self.futures:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
