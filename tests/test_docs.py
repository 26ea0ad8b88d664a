"""The documentation is generated from the code, or checked against it, and stays in the repository."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

from leaflets import docs
from leaflets.codes import CODES

PACKAGE = ROOT / "leaflets"
CODE = re.compile(r"^[EW]-[a-z0-9]+(-[a-z0-9]+)*$")


def test_the_generated_docs_agree_with_the_code():
    stale = [str(path.relative_to(ROOT)) for path, text in docs.generated().items()
             if path.read_text(encoding="utf-8") != text]
    assert stale == [], "run 'make docs' and commit the result"


def codes_in_the_package() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and CODE.match(node.value):
                found.add(node.value)
    return found


def test_every_problem_code_the_package_reports_is_documented():
    assert codes_in_the_package() - set(CODES) == set()


def test_every_documented_problem_code_is_reported_somewhere():
    assert set(CODES) - codes_in_the_package() == set()


def test_every_code_is_kebab_case_after_its_severity_letter():
    assert all(CODE.match(code) for code in CODES)


def text_files() -> list[Path]:
    def kept(parts: tuple[str, ...]) -> bool:  # not generated, not a tool's cache
        return not any((part.startswith(".") and part != ".ci") or part in ("output", "__pycache__")
                       for part in parts)

    return [path for path in ROOT.rglob("*")
            if path.is_file() and kept(path.relative_to(ROOT).parts)
            and path.suffix in (".md", ".py", ".yaml", ".txt", ".html", ".css", ".toml", "")]


def test_nothing_in_the_repository_refers_to_files_outside_it():
    # The specification and the seeds the project started from live outside the
    # repository; its own docs are the reference and tests/seeds/ holds copies.
    outside = re.compile(r"shared/(spec|seeds)|/work/")
    referring = [str(path.relative_to(ROOT)) for path in text_files()
                 if path != Path(__file__) and outside.search(
                     path.read_text(encoding="utf-8", errors="replace"))]
    assert referring == []


def test_every_relative_link_in_the_docs_leads_to_a_file_in_the_repository():
    broken = []
    for path in ROOT.rglob("*.md"):
        if ".venv" in path.parts or "output" in path.relative_to(ROOT).parts:
            continue
        text = re.sub(r"```.*?```|`[^`]*`", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)#\s]+)", text):
            if "://" in target or target.startswith("mailto:"):
                continue
            resolved = (path.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert broken == []
