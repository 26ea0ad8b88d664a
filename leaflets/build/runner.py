"""Running jobs on an executor: one given (Dask's), the build's own warm workers, or this process.

The build's own workers are forked, once per build, from a server process that
has loaded everything typesetting needs (warm.py, preload.py: WeasyPrint and
its libraries, the fonts, the templates, the stylesheets), so no worker pays
that start-up. A worker is replaced by a fresh fork after
TASKS_PER_WORKER jobs, which is what its memory requires, and the pool is fed a
few jobs per worker at a time. The build's process itself never loads
WeasyPrint: it reads and checks the sources while the workers typeset.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from ..problems import problem
from . import warm
from .jobs import Job, JobResult
from .options import Options

#: Jobs a worker runs before a fresh fork takes its place: WeasyPrint keeps a
#: little native memory per document (about 0.3 MB) that only a new process
#: returns, so a worker stays well under 400 MB.
TASKS_PER_WORKER = 400


def run(job: Job) -> JobResult:
    """Run one job where this is called (the typesetting modules load only there)."""
    from .worker import run_job

    return run_job(job)


def start_worker(build: int) -> None:
    """Prepare a freshly forked worker of the build with process id `build` (worker.warm_up)."""
    from .worker import warm_up

    warm_up(build)


class Runner:
    def __init__(self, options: Options) -> None:
        self.executor = options.executor
        self.formats = options.formats
        self.workers = options.jobs or os.cpu_count() or 1
        # --jobs 1 typesets in this process (for debugging); by default, workers do.
        self.parallel = self.executor is None and options.jobs != 1
        self.pool: ProcessPoolExecutor | None = None
        self.futures: set[Future[JobResult]] = set()
        self.jobs: dict[Future[JobResult], Job] = {}  # what each of the pool's futures holds
        self.retried: set[int] = set()  # jobs whose worker died once (by id)
        self.queued: deque[Job] = deque()  # for the pool, not yet handed to it
        self.waiting: list[Job] = []  # for this process
        self.submitted = 0

    def prepare(self) -> None:
        """Start the workers' server now: work is coming (it loads while sources are checked)."""
        if self.parallel and self.pool is None:
            warm.start(page_format.id for page_format in self.formats)

    @property
    def busy(self) -> bool:
        """Whether jobs are running elsewhere (on workers) while this process waits."""
        return bool(self.futures)

    def submit(self, job: Job) -> None:
        self.submitted += job.files
        if self.executor is not None:
            self.futures.add(self.executor.submit(run, job))
        elif self.parallel:
            self.queued.append(job)
            self._feed()
        else:
            self.waiting.append(job)

    def _feed(self) -> None:
        while self.queued and len(self.futures) < 2 * self.workers:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(
                    max_workers=self.workers, initializer=start_worker,
                    initargs=(os.getpid(),), mp_context=warm.context(),
                    max_tasks_per_child=TASKS_PER_WORKER)
            job = self.queued.popleft()
            try:
                future = self.pool.submit(run, job)
            except BrokenProcessPool:  # a worker died since: a fresh pool takes over
                self.queued.appendleft(job)
                self.pool = None
                continue
            self.futures.add(future)
            self.jobs[future] = job

    def results(self) -> Iterator[JobResult]:
        """The results of each format, in the order their jobs finish."""
        for job in self.waiting:
            yield from run(job).each()
        while self.futures:
            done, self.futures = wait(self.futures, return_when=FIRST_COMPLETED)
            finished = [self._result(future) for future in done]
            if self.parallel:
                self._feed()
            for result in finished:
                if result is not None:
                    yield from result.each()

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
                "editions were built"), derived=tuple(
                    JobResult(other, None, 0) for other in job.derived))

    def close(self) -> None:
        self.queued.clear()
        for future in self.futures:
            future.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
