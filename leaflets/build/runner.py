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
from concurrent.futures.process import BrokenProcessPool

from ..problems import problem
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
        self.jobs: dict[Future[JobResult], Job] = {}  # what each of the pool's futures holds
        self.retried: set[int] = set()  # jobs whose worker died once (by id)
        self.queued: deque[Job] = deque()  # for the pool, not yet handed to it
        self.waiting: list[Job] = []  # for this process
        self.submitted = 0

    def submit(self, job: Job) -> None:
        self.submitted += 1
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
            job = self.queued.popleft()
            try:
                future = self.pool.submit(run_job, job)
            except BrokenProcessPool:  # a worker died since: a fresh pool takes over
                self.queued.appendleft(job)
                self.pool = None
                continue
            self.futures.add(future)
            self.jobs[future] = job
            self.pool_jobs += 1

    def results(self) -> Iterator[JobResult]:
        """The results, in the order they finish."""
        if self.waiting:
            from .worker import run_job

            for job in self.waiting:
                yield run_job(job)
        while self.futures:
            done, self.futures = wait(self.futures, return_when=FIRST_COMPLETED)
            finished = [self._result(future) for future in done]
            if self.parallel:
                self._feed()
            yield from (result for result in finished if result is not None)

    def _result(self, future: Future[JobResult]) -> JobResult | None:
        """A job's result; when its worker died, None (it runs again once), then a problem.

        A dead worker breaks its whole pool: every job the pool held gets a second
        chance in a fresh one, so only a job that dies twice is reported.
        """
        job = self.jobs.pop(future, None)
        try:
            return future.result()
        except BrokenProcessPool:
            if job is None:
                raise
            if self.pool is not None:
                self.pool.shutdown(wait=False)
                self.pool = None
            if id(job) not in self.retried:
                self.retried.add(id(job))
                self.queued.appendleft(job)
                return None
            return JobResult(job, None, 0, problem=problem(
                job.edition.source, 1, 1, "E-worker-died",
                f"the worker process typesetting the '{job.edition.audience}' edition "
                f"({job.format.id}) died (the system may have run out of memory); the other "
                "editions were built"))

    def close(self) -> None:
        self.queued.clear()
        for future in self.futures:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
