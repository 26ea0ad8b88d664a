"""The bad-input corpus: one broken source per kind of mistake, and its exact message.

Each `tests/bad-input/<kind>.yaml` is built on its own; what the build prints on
standard error must be exactly `<kind>.expected` ({file} stands for the source's
path, {images} for its images folder). Reviewing a message is reviewing text:
change the wording in the code and the .expected file together.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from leaflets.source.yamlfile import MAX_SOURCE_BYTES

CORPUS = Path(__file__).parent / "bad-input"
CASES = sorted(path.stem for path in CORPUS.glob("*.yaml"))


def test_every_case_has_its_expected_message():
    assert CASES and all((CORPUS / f"{case}.expected").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_gives_exactly_the_expected_message(case, sources, run):
    path = sources.root / "leaflets" / f"{case}.yaml"
    shutil.copy(CORPUS / f"{case}.yaml", path)
    result = run()
    expected = ((CORPUS / f"{case}.expected").read_text(encoding="utf-8")
                .replace("{file}", str(path))
                .replace("{images}", str(sources.root / "images")).splitlines())
    # Every line but the closing count: a case that is only a mistake's warning is
    # otherwise a clean leaflet, so that nothing else is said about it.
    assert [line for line in result.err.splitlines() if not line.endswith("not built")] == expected
    if any(": warning: " not in line for line in expected):
        assert result.status == 1
        assert not list(sources.output.rglob("*.pdf"))
    else:  # a warning: the leaflet is built
        assert result.status == 0
        assert sources.pdf("adult", case).exists() or sources.pdf("child-parent", case).exists()


def test_a_source_over_the_size_limit_is_refused_unread(sources, run):
    path = sources.write("huge.yaml", "language: nl\n" + "# padding\n" * (MAX_SOURCE_BYTES // 10))
    result = run()
    assert result.status == 1
    assert result.error_lines == [
        f"{path}:1:1: the file is {path.stat().st_size:,} bytes; a leaflet source may be at "
        f"most {MAX_SOURCE_BYTES:,} bytes [E-file-too-large]"]
