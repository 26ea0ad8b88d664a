"""Stage 6: the leaflet site in `output/site/`, for patients to find and read the current leaflet.

```text
site/index.html                           every leaflet, filterable without a server
site/<id>/<audience>/index.html           the current HTML edition, with its PDFs
site/<id>/<audience>/<id>....pdf          the PDFs, beside the page that offers them
site/<id>/<audience>/<edition>/index.html the page a print's QR code names: the edition
                                          while it is current, then a notice that
                                          leads to the newer one
site/sitemap.xml, site/feed.xml           for search engines and feed readers
```

Incremental like the PDFs: a leaflet's pages are made again only from an edition
this build resolved (or, when its pages are missing, one resolved for them), and
a file is written only when its bytes change, so an unchanged build rewrites
nothing. `output/.site.json` records each page's entry and the editions that
were current before, so an old edition's page outlives it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from .. import __version__, addresses
from ..build.jobs import BuiltEdition
from ..build.output import write_atomically
from ..build.pipeline import Outcome
from ..model import Edition
from ..paths import LAYOUTS, STYLES
from ..problems import Problem, problem
from ..render.fonts import project_fonts
from ..source import builtin
from .sitepages import Download, Pages, SitePage, page_entry

FOLDER = "site"
RECORD = ".site.json"
VERSION = 1
#: Files every page uses, copied beside the index.
ASSETS = ((STYLES / "palette.css", "palette.css"), (STYLES / "site.css", "site.css"),
          (LAYOUTS / "site.js", "site.js"))
FONTS = ("AtkinsonHyperlegible-Regular.ttf", "AtkinsonHyperlegible-Bold.ttf")
#: The site's pages that list every leaflet (see `_write_shared`).
SHARED_PAGES = ("index.html", "feed.xml")

#: Resolves a leaflet file's editions again, for pages that are missing (None: it cannot).
Resolver = Callable[[str], tuple[Edition, ...] | None]


@dataclass
class Published:
    """What a run of the site stage did, for the command line to say."""

    index: Path
    written: int = 0  # files written because they changed
    problems: list[Problem] = field(default_factory=list)


def publish(output: Path, outcome: Outcome, sources: Iterable[str], resolve: Resolver,
            images: Path | None = None) -> Published:
    """Bring `output/site/` up to date with the PDFs the build made or kept.

    `sources` names every leaflet file of the sources folder: the pages of any
    other are taken off the site.
    """
    site = output / FOLDER
    done = Published(site / "index.html")
    try:
        _publish(site, output, outcome, set(sources), resolve, images, done)
    except OSError as error:
        done.problems.append(problem(str(getattr(error, "filename", None) or site), 0, 0,
                                     "E-site-write", f"cannot write the leaflet site: "
                                     f"{error.strerror or error}"))
    return done


def summary(published: Published, site_url: str | None) -> str:
    """The build's line about the site."""
    changed = f"{published.written} file(s) changed" if published.written else "unchanged"
    where = f"published at {site_url}" if site_url else (
        "no site_url in organisation.yaml: no QR codes on the prints, no sitemap")
    return f"site: {published.index} ({changed}; {where})"


def preview(output: Path, name: str, editions: tuple[Edition, ...], site_url: str | None,
            images: Path | None = None) -> Published:
    """The pages of one leaflet at once, from its editions, before its PDFs are built.

    The pages offer the PDFs the last build made; the build that follows
    (`publish`) brings them up to date.
    """
    site = output / FOLDER
    done = Published(site / "index.html")
    record, _, shared = _read_record(output)
    previous = record.get(name, [])
    downloads = {p.audience: p.downloads for p in previous}
    languages = [p.language for pages in record.values() for p in pages]
    pages = Pages(site_url, _index_language([*languages, *(e.language for e in editions)]))
    try:
        record[name] = [_write_edition(site, pages, edition, downloads.get(edition.audience, ()),
                                       previous, done) for edition in editions]
        _write_record(output, record, _write_shared(site, pages, _listed(record), images, done,
                                                    shared))
    except OSError as error:
        done.problems.append(problem(str(site), 0, 0, "E-site-write",
                                     f"cannot write the leaflet site: {error.strerror or error}"))
    return done


def _listed(entries: dict[str, list[SitePage]]) -> list[SitePage]:
    """Every page the index lists, by title."""
    return sorted((p for page_list in entries.values() for p in page_list),
                  key=lambda p: (p.title.casefold(), p.leaflet_id, p.audience))


def _publish(site: Path, output: Path, outcome: Outcome, sources: set[str],
             resolve: Resolver, images: Path | None, done: Published) -> None:
    record, same_templates, shared = _read_record(output)
    built = _built(outcome)
    languages = [p.language for pages in record.values() for p in pages]
    pages = Pages(outcome.site_url, _index_language(
        [*languages, *(e.language for editions in outcome.resolved.values() for e in editions)]))
    entries: dict[str, list[SitePage]] = {}
    for name in sorted(sources):
        previous = record.get(name, [])
        files = built.get(name)
        if files is None:  # not built by this run nor kept: the last good pages stay
            if previous:
                entries[name] = previous
            continue
        editions = outcome.resolved.get(name)
        downloads = {audience: _downloads(site, made, done) for audience, made in files.items()}
        if editions is None and same_templates and _current(site, previous, downloads):
            entries[name] = previous
            continue
        editions = editions or resolve(name)
        if editions is None:
            entries[name] = previous
            continue
        entries[name] = [
            _write_edition(site, pages, edition, downloads.get(edition.audience, ()),
                           previous, done) for edition in editions]
        published = {edition.audience for edition in editions}
        _withdraw(site, [p for p in previous if p.audience not in published])
    for name in set(record) - sources:
        _withdraw(site, record[name])
    made = _write_shared(site, pages, _listed(entries), images, done, shared)
    if made != shared or entries.keys() != record.keys() or any(
            entries[name] is not record[name] for name in entries):
        _write_record(output, entries, made)  # else it says what it said


def _built(outcome: Outcome) -> dict[str, dict[str, list[BuiltEdition]]]:
    """The PDFs of every leaflet the build made or kept, by file and audience."""
    built: dict[str, dict[str, list[BuiltEdition]]] = {}
    order = {f.id: n for n, f in enumerate(builtin.data().formats.values())}
    every = [*outcome.editions, *(e for kept in outcome.others for e in kept.editions)]
    # A co-published leaflet's page offers the PDFs of the publisher whose id comes
    # first, whatever order its jobs finished in.
    first: dict[str, str] = {}
    for made in every:
        if made.publisher and made.publisher < first.get(made.source, made.publisher + "~"):
            first[made.source] = made.publisher
    for made in every:
        if made.publisher == first.get(made.source):
            built.setdefault(made.source, {}).setdefault(made.audience, []).append(made)
    for audiences in built.values():
        for made_list in audiences.values():
            made_list.sort(key=lambda m: order.get(m.format.id, len(order)))
    return built


def _downloads(site: Path, made: list[BuiltEdition], done: Published) -> tuple[Download, ...]:
    """The edition's PDFs, put beside its page (linked, or copied across file systems)."""
    downloads = []
    for pdf in made:
        folder = site / addresses.current_folder(pdf.leaflet_id, pdf.audience)
        target = folder / pdf.path.name
        if _place(pdf.path, target):
            done.written += 1
        downloads.append(Download(pdf.path.name, pdf.format.id, pdf.pages, pdf.size,
                                  printing=not pdf.format.accessible))
    return tuple(downloads)


def _place(source: Path, target: Path) -> bool:
    """Put `source` at `target` unless it is there already; whether anything was written."""
    try:
        if target.samefile(source):
            return False
        same = target.stat().st_size == source.stat().st_size and \
            target.read_bytes() == source.read_bytes()
        if same:
            return False
    except OSError:
        pass  # not there yet
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.link.part")
    temporary.unlink(missing_ok=True)
    try:
        os.link(source, temporary)
    except OSError:  # another file system: a copy
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)
    return True


def fingerprint() -> str:
    """A hash of the templates, scripts and stylesheets only the site's pages depend on."""
    digest = hashlib.sha256()
    for path in sorted([*LAYOUTS.glob("site*"), *LAYOUTS.glob("*.xml"), *STYLES.glob("site*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _current(site: Path, previous: list[SitePage],
             downloads: dict[str, tuple[Download, ...]]) -> bool:
    """Whether the recorded pages are all there and offer exactly these PDFs."""
    return bool(previous) and all(
        (site / p.folder / addresses.INDEX).is_file() and p.downloads == downloads.get(p.audience)
        for p in previous) and set(downloads) == {p.audience for p in previous}


def _write_edition(site: Path, pages: Pages, edition: Edition, downloads: tuple[Download, ...],
                   previous: list[SitePage], done: Published) -> SitePage:
    """The current page, the edition's own page, and a notice on each older edition's page."""
    before = next((p for p in previous if p.audience == edition.audience), None)
    past = before.past if before else ()
    entry = page_entry(edition, downloads, ())
    if before and before.edition != entry.edition:
        past = (*past, (before.edition, before.updated))
    entry = replace(entry, past=tuple(p for p in past if p[0] != entry.edition))
    folder = site / entry.folder
    _write(folder / addresses.INDEX, pages.edition(edition, entry, 2), done)
    _write(folder / entry.edition / addresses.INDEX, pages.edition(edition, entry, 3), done)
    for name, date in entry.past:
        _write(folder / name / addresses.INDEX, pages.superseded(entry, name, date), done)
    for stale in {d.file for d in before.downloads} - {d.file for d in downloads} if before else ():
        (folder / stale).unlink(missing_ok=True)
    return entry


def _write_shared(site: Path, pages: Pages, listed: list[SitePage], images: Path | None,
                  done: Published, made: dict[str, str]) -> dict[str, str]:
    """The index, feed and sitemap, the stylesheets, fonts and images, as they should be.

    The pages that list every leaflet are made again only when what they show
    changed since the last run `made` them, or one is not the file it wrote;
    what is returned says what they show now, and the hash of each.
    """
    shows = _shared_inputs(pages, listed)
    names = [*SHARED_PAGES, *(["sitemap.xml"] if pages.site_url else [])]
    if made.get("inputs") != shows or any(_sha256(site / name) != made.get(name)
                                          for name in names):
        written = {"index.html": pages.index(listed), "feed.xml": pages.feed(listed)}
        sitemap = pages.sitemap(listed)
        if sitemap is not None:
            written["sitemap.xml"] = sitemap
        else:
            (site / "sitemap.xml").unlink(missing_ok=True)
        for name, text in written.items():
            _write(site / name, text, done)
        made = {"inputs": shows, **{name: hashlib.sha256(text.encode()).hexdigest()
                                    for name, text in written.items()}}
    for source, name in ASSETS:
        _write(site / name, source.read_bytes(), done)
    fonts = project_fonts()
    for name in FONTS:
        _write(site / "fonts" / name, fonts[name].read_bytes(), done)
    if images is not None and images.is_dir():
        for path in sorted(images.iterdir()):
            if path.is_file() and path.suffix.lower() in (".svg", ".png"):
                _write(site / "images" / path.name, path.read_bytes(), done)
    return made


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _shared_inputs(pages: Pages, listed: list[SitePage]) -> str:
    """A digest of what the index, feed and sitemap show: the pages, the address, the
    words, the templates and the code that renders them."""
    data = builtin.data()
    digest = hashlib.sha256(repr((
        listed, pages.site_url, pages.index_language, fingerprint(), __version__,
        data.site_words(pages.index_language), data.labels(pages.index_language, "adult"),
        list(data.profiles))).encode())
    for path in sorted(Path(__file__).parent.glob("site*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _withdraw(site: Path, entries: list[SitePage]) -> None:
    """Take a leaflet that left the sources off the site: the files the record names."""
    for entry in entries:
        folder = site / entry.folder
        if not folder.resolve().is_relative_to(site.resolve()):
            continue  # a record that names a place outside the site: not ours to remove
        for name in [addresses.INDEX, *(d.file for d in entry.downloads)]:
            (folder / name).unlink(missing_ok=True)
        for name in [entry.edition, *(n for n, _ in entry.past)]:
            (folder / name / addresses.INDEX).unlink(missing_ok=True)
            _remove_empty(folder / name)
        _remove_empty(folder)
        _remove_empty(folder.parent)


def _remove_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not empty, or not there
        folder.rmdir()


def _write(path: Path, content: str | bytes, done: Published) -> None:
    """Write a file only when its bytes change, so an unchanged site is not touched."""
    data = content.encode() if isinstance(content, str) else content
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomically(path, data)
    done.written += 1


def _index_language(languages: list[str]) -> str:
    """The language most pages are in: the index's, like the report's."""
    counted = Counter(languages).most_common()
    best = min(counted, key=lambda c: (-c[1], c[0]))[0] if counted else "en"
    return best if builtin.data().has_labels(best) else "en"


def _read_record(output: Path) -> tuple[dict[str, list[SitePage]], bool, dict[str, str]]:
    """The pages the site has, as the last run left them, whether its templates are the
    same, and what its index, feed and sitemap were made from (see `_write_shared`)."""
    try:
        data = json.loads((output / RECORD).read_text(encoding="utf-8"))
        if data.get("version") != VERSION:
            return {}, False, {}
        shared = data.get("shared")
        return ({name: [SitePage.of(p) for p in pages] for name, pages in data["pages"].items()},
                data.get("templates") == fingerprint(),
                {str(k): str(v) for k, v in shared.items()} if isinstance(shared, dict) else {})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, False, {}  # make every page again


def _write_record(output: Path, entries: dict[str, list[SitePage]],
                  shared: dict[str, str]) -> None:
    # Compact, for json's fast encoder: a file for the build, not for reading.
    data = json.dumps({"version": VERSION, "templates": fingerprint(), "shared": shared,
                       "pages": {name: [asdict(p) for p in pages]
                                 for name, pages in sorted(entries.items())}},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    try:
        if (output / RECORD).read_bytes() == data:
            return
    except OSError:
        pass
    write_atomically(output / RECORD, data)
