"""`make_leaflets.py serve`: the leaflet site on this computer, rebuilt as the editors save.

Saving a leaflet makes its HTML edition again at once, from the source alone;
its PDFs follow in the background, through the ordinary build (which brings
the site's downloads up to date too). A saved layout, stylesheet, glossary or
organisation file makes every leaflet's pages again. The open page asks the
server every few tenths of a second what it shows and reloads when that
changed; a source with an error leaves the last good pages in place, and the
error is printed in the terminal and shown at the top of the page, with its
place. The script that does this is added to the pages as they are served,
never written into `output/site/`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..build import plan
from ..paths import LAYOUTS, STYLES
from ..problems import LeafletError, Problem
from ..resolve import resolve
from ..source import builtin, catalogue, starter, yamlfile
from ..source import leaflet as leaflet_file
from . import site

STATE = "/__preview/state"
SCRIPT = "/__preview/reload.js"
#: The script the served pages get: it polls the state and shows the errors.
RELOAD_JS = LAYOUTS / "preview.js"


@dataclass
class State:
    """What the preview shows: a version that grows with every change, and the errors."""

    language: str = "en"  # of the notice above the errors
    version: int = 0
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def changed(self, errors: Iterable[Problem | str]) -> None:
        with self.lock:
            self.version += 1
            self.errors = [str(error) for error in errors]

    def as_json(self) -> bytes:
        with self.lock:
            words = builtin.data().site_words(self.language)
            return json.dumps({"version": self.version, "errors": self.errors,
                               "notice": words["preview_error"]}).encode()


class Preview:
    """The sources watched and the site kept up to date: HTML at once, PDFs in the background."""

    def __init__(self, sources: Path, output: Path,
                 build: Callable[[list[Path] | None, threading.Lock], int],
                 say: Callable[[str], None] = print) -> None:
        self.sources, self.output, self.build, self.say = sources, output, build, say
        self.state = State(starter.usual_language(sources))
        #: Held while the site's files are written, by the preview or by a build.
        self.writing = threading.Lock()
        self._pending: set[Path] | None = set()  # None: every leaflet
        self._wake = threading.Event()
        self._stop = threading.Event()

    def html_now(self, files: Iterable[Path] | None) -> list[Problem]:
        """The HTML editions of `files` (None: every leaflet) from their sources, at once."""
        paths = list(files) if files is not None else catalogue.find_sources(self.sources)
        site_url, problems = plan.read_site_url(self.sources)
        glossary, glossary_problems = plan.read_glossary(self.sources)
        found = [*problems, *glossary_problems]
        if found:
            return found
        for path in paths:
            name = catalogue.display(path)
            try:
                leaflet = leaflet_file.load(yamlfile.read(path, name), path).leaflet
            except LeafletError as error:
                found.extend(error.problems)
                continue
            editions = tuple(resolve(leaflet, audience, glossary, site_url=site_url)
                             for audience in leaflet.audience_ids)
            with self.writing:
                found.extend(site.preview(self.output, name, editions, site_url,
                                          self.sources / "images").problems)
        return found

    def saved(self, changed: Iterable[Path]) -> None:
        """React to saved files: their HTML now, their PDFs queued for the background."""
        leaflets = self.sources.resolve() / catalogue.LEAFLETS
        files: list[Path] | None = []
        for path in changed:
            if path.suffix == catalogue.SUFFIX and path.resolve().parent == leaflets:
                if path.exists() and files is not None:
                    files.append(path)
            elif not path.name.startswith("."):
                files = None  # a shared file: every leaflet
        if files == []:
            return
        errors = self.html_now(files)
        for error in errors:
            self.say(str(error))
        self.say(f"preview: {'not updated, ' if errors else ''}"
                 f"{'every leaflet' if files is None else ', '.join(p.name for p in files)}")
        self.state.changed(errors)
        self.queue(files)

    def queue(self, files: list[Path] | None) -> None:
        """Build these leaflets' PDFs (None: every leaflet's) in the background."""
        if files is None or self._pending is None:
            self._pending = None
        else:
            self._pending.update(files)
        self._wake.set()

    def build_in_background(self) -> None:
        """Build the queued leaflets' PDFs, one build at a time, until stopped."""
        while not self._stop.is_set():
            self._wake.wait(0.5)
            if not self._wake.is_set():
                continue
            self._wake.clear()
            pending, self._pending = self._pending, set()
            files = None if pending is None else sorted(pending)
            status = self.build(files, self.writing)
            self.say(f"preview: PDFs {'built' if status == 0 else 'not all built'}")
            with self.state.lock:
                errors = list(self.state.errors)
            self.state.changed(errors)  # the downloads changed

    def watch(self, watching: Callable[[], None] = lambda: None) -> None:
        """Watch the sources, layouts and styles until stopped; `watching` once it does."""
        import watchfiles

        started = False
        for changes in watchfiles.watch(self.sources, LAYOUTS, STYLES, stop_event=self._stop,
                                        debounce=50, step=20, rust_timeout=200,
                                        yield_on_timeout=True):
            if not started:
                started = True
                watching()
            if changes:
                self.saved(Path(path) for _, path in changes)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()


def handler(folder: Path, state: State) -> type[SimpleHTTPRequestHandler]:
    """Serves `folder`, with the preview's script in every page and its state."""
    script = RELOAD_JS.read_bytes()

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            if path == STATE:
                self._send(state.as_json(), "application/json")
            elif path == SCRIPT:
                self._send(script, "text/javascript")
            elif (page := self._page(path)) is not None:
                html = page.read_bytes().replace(
                    b"</body>", f'<script src="{SCRIPT}"></script>\n</body>'.encode(), 1)
                self._send(html, "text/html; charset=utf-8")
            else:
                super().do_GET()

        def _page(self, path: str) -> Path | None:
            local = Path(self.translate_path(path))
            if local.is_dir():
                local /= "index.html"
            return local if local.suffix == ".html" and local.is_file() else None

        def _send(self, data: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the terminal is for the editors' errors

    return Handler


def serve(preview: Preview, port: int, ready: Callable[[str], None]) -> None:
    """Serve the site on localhost and keep it up to date until interrupted.

    Every leaflet's HTML edition is made first, from the sources; the build of
    the PDFs follows in the background.
    """
    for error in preview.html_now(None):
        preview.say(str(error))
    preview.queue(None)
    server = ThreadingHTTPServer(("127.0.0.1", port),
                                 handler(preview.output / site.FOLDER, preview.state))
    threads = [threading.Thread(target=server.serve_forever, daemon=True),
               threading.Thread(target=preview.build_in_background, daemon=True)]
    for thread in threads:
        thread.start()
    try:
        preview.watch(lambda: ready(f"http://127.0.0.1:{server.server_address[1]}/"))
    finally:
        preview.stop()
        server.shutdown()
        server.server_close()
