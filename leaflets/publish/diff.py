"""`make_leaflets.py diff <id>`: the reviewer's page, what changed since a released edition.

For each audience: the text word by word (insertions and deletions marked by
colour, underline or strike-through and words for screen readers), and the
pages, old and new side by side with the changed regions outlined; pages that
did not change are folded away. The page says how to approve the change. It is
one HTML file with its pictures beside it, for any browser, offline.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import resolve
from ..build import pipeline
from ..build.options import Options
from ..build.plan import check, read_glossary
from ..build.progress import Progress
from ..model import Edition, Format, Leaflet
from ..paths import LAYOUTS, STYLES
from ..problems import LeafletError, Problem, problem
from ..source import archive
from ..source.catalogue import display
from ..source.glossary import load_glossary
from ..source.leaflet import load_file
from ..source.shared import read_shared
from . import pagediff, textdiff

FOLDER = "diff"


class NoDiff(Exception):
    """The comparison cannot be made; carries the problems that say why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, problems)))


@dataclass(frozen=True)
class AudienceDiff:
    audience: str
    label: str  # the audience, in the leaflet's language
    language: str
    paragraphs: tuple[textdiff.Paragraph, ...]
    pages: tuple[pagediff.PagePair, ...]
    control: tuple[str, str]  # the document-control line, old and new

    @property
    def changed_paragraphs(self) -> int:
        return sum(p.changed for p in self.paragraphs)

    @property
    def changed_pages(self) -> tuple[pagediff.PagePair, ...]:
        return tuple(page for page in self.pages if page.changed)


def write(sources: Path, path: Path, against: int | None, output: Path,
          page_format: Format, options: Options) -> Path:
    """Write `<output>/diff/<id>/index.html`; raise `NoDiff` when there is nothing to compare."""
    name = display(path)
    glossary, problems = read_glossary(sources)
    shared, shared_problems = read_shared(sources)
    checked = check(path, name, lambda uses: "", path.read_bytes(), sources, glossary,
                    options.today, shared)
    if problems or shared_problems or checked.leaflet is None:
        raise NoDiff([*problems, *shared_problems, *checked.errors])
    leaflet = checked.leaflet
    number = against or (leaflet.last_release.number if leaflet.last_release else None)
    released = archive.edition(sources, leaflet.id, number) if number else None
    if released is None:
        raise NoDiff([problem(name, 1, 1, "E-release-refused", "nothing to compare with: "
                              + (f"edition {number} is not in the archive" if number else
                                 "the leaflet has no released edition yet"))])
    try:
        old = load_file(released.leaflet_file, str(released.leaflet_file)).leaflet
        old_glossary = load_glossary(released.sources)
    except LeafletError as error:  # a damaged archive: `history` says more
        raise NoDiff(list(error.problems)) from None
    folder = output / FOLDER / leaflet.id
    with tempfile.TemporaryDirectory(prefix="diff-") as work:
        outcome = pipeline.build(sources, Path(work), Options(
            formats=(page_format,), seconds=options.seconds, today=options.today,
            jobs=options.jobs, force=True), Progress(), files=[path])
        if not outcome.ok:
            raise NoDiff(list(outcome.problems))
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        audiences = []
        for audience in leaflet.audience_ids:
            new = resolve.resolve(leaflet, audience, glossary,
                                  changed=audience in checked.changed)
            before = (resolve.resolve(old, audience, old_glossary)
                      if audience in old.audience_ids else None)
            built = Path(work) / page_format.path(audience, leaflet.id)
            old_pdf = released.pdf(page_format.path(audience, leaflet.id))
            audiences.append(_audience(before, new, old_pdf, built, folder))
    page = folder / "index.html"
    page.write_text(_render(leaflet, number or 0, released.record, audiences, checked.changed,
                            name), encoding="utf-8")
    return page


def _audience(old: Edition | None, new: Edition, old_pdf: Path, new_pdf: Path,
              folder: Path) -> AudienceDiff:
    paragraphs = textdiff.compare(textdiff.paragraphs(old) if old else [],
                                  textdiff.paragraphs(new))
    mask = [f"{new.labels.control.code}: {new.code}"] if new.labels.control and new.code else []
    pages = (pagediff.compare(old_pdf.read_bytes(), new_pdf.read_bytes(), folder, new.audience,
                              (mask, mask)) if old_pdf.is_file() else [])
    return AudienceDiff(new.audience, new.labels.audience, new.language, tuple(paragraphs),
                        tuple(pages), (_control_line(old), _control_line(new)))


def _control_line(edition: Edition | None) -> str:
    if edition is None or edition.labels.control is None:
        return ""
    words = edition.labels.control
    if edition.edition and edition.edition_date:
        return f"{words.edition} {edition.edition}, {edition.edition_date.isoformat()}"
    return words.draft if edition.draft else ""


def _render(leaflet: Leaflet, number: int, record: dict[str, object],
            audiences: list[AudienceDiff], changed: frozenset[str], name: str) -> str:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(LAYOUTS), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("diff.html").render(
        leaflet=leaflet, number=number, record=record, audiences=audiences,
        changed=changed, source=name, made=dt.date.today().isoformat(),
        stylesheet=Markup((STYLES / "diff.css").read_text(encoding="utf-8")))
