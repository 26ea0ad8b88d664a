"""A catalogue of varied leaflets for `make bench`: lengths, audiences, languages, images.

Each leaflet is put together, from a fixed seed, out of the sections of the
project's real leaflet (Dutch) and a set of English paragraphs: from one short
section to twenty (long editions get a contents list and many booklet sheets),
for both audiences or one, some with an SVG or PNG image. No two leaflets are
copies of each other, and the same seed always gives the same catalogue.
"""

from __future__ import annotations

import random
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sources" / "leaflets" / "neuralgische-amyotrofie.yaml"
AUDIENCES = ("child-parent", "adult")

ENGLISH = [
    ("What is a fracture?", "A fracture is a broken bone. Most fractures heal well in six to "
     "eight weeks. The doctor looks at an X-ray to see where the bone is broken."),
    ("How is it treated?", "Most fractures get a cast. The cast keeps the bone still while it "
     "heals.\n\n- Keep the cast dry.\n- Do not put anything inside the cast.\n- Come back if "
     "the cast feels too tight."),
    ("Does it hurt?", "A broken bone hurts, most in the first days. Paracetamol helps. Keep the "
     "arm or leg up on a pillow: that lowers the swelling and the pain."),
    ("When do I call the clinic?", "Call the clinic when your fingers or toes turn blue or "
     "cold, when the pain gets worse, or when you have a fever. Outside office hours, call "
     "the emergency department."),
    ("What can I do myself?", "Move the fingers or toes that stick out of the cast a few "
     "times a day. Eat well and rest. You can go to school or work when the pain allows it."),
    ("When is the cast removed?", "After about six weeks you come back to the plaster room. "
     "The cast is removed with a small saw that does not cut skin. Then you get exercises to "
     "make the joint move well again."),
    ("Will it happen again?", "A healed bone is as strong as before. Children's bones heal "
     "faster than those of adults, and usually leave no trace at all."),
]


def _sample_sections() -> list[tuple[str, str]]:
    """The (heading, body) pairs of the real leaflet, one per audience text."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    pairs = []
    for section in data["sections"]:
        heading, body = section["heading"], section["body"]
        for audience in AUDIENCES:
            text = body.get(audience) if isinstance(body, dict) else body
            title = heading.get(audience) if isinstance(heading, dict) else heading
            if text and title:
                pairs.append((title, text))
    return pairs


class _Block(str):
    """A text YAML writes as a literal block (body: |)."""


yaml.SafeDumper.add_representer(
    _Block, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, "|"))


def _leaflet(number: int, rng: random.Random, dutch: list[tuple[str, str]]) -> dict[str, Any]:
    english = number % 5 == 4
    pool = ENGLISH if english else dutch
    count = rng.choice((1, 2, 3, 4, 6, 8, 10, 14, 20))
    chosen = [rng.choice(pool) for _ in range(count)]
    audiences = rng.choice((AUDIENCES, AUDIENCES, AUDIENCES, ("adult",), ("child-parent",)))
    sections = [{"heading": f"{heading.rstrip('?')} ({n + 1})?" if count > len(pool) else heading,
                 "body": _Block(body.strip() + "\n")} for n, (heading, body) in enumerate(chosen)]
    sling = "A drawing of a sling" if english else "Een tekening van een mitella"
    chart = "A chart" if english else "Een grafiek"
    if number % 4 == 1:
        sections[0]["body"] = _Block(f"![{sling}](images/sling.svg)\n\n{sections[0]['body']}")
    if number % 8 == 3:
        sections[-1]["body"] = _Block(f"{sections[-1]['body']}\n![{chart}](images/chart.png)\n")
    if len(audiences) == 2 and count > 2:  # a section for one audience only
        sections[1]["audiences"] = [rng.choice(AUDIENCES)]
    title = ("Leaflet" if english else "Folder") + f" {number + 1}"
    return {
        "language": "en" if english else "nl",
        "audiences": {audience: {"title": f"{title} ({audience})"} for audience in audiences},
        "author": "Department of Surgery" if english else "Afdeling Chirurgie",
        "updated": f"20{10 + number % 15:02}-{1 + number % 12:02}-{1 + number % 27:02}",
        "review": "2030-01-01",
        "clinic": "Outpatient clinic" if english else "Polikliniek",
        "sections": sections,
        "links": [{"title": "Website", "url": f"https://www.example.org/{number + 1}"}],
    }


def write(folder: Path, size: int, seed: int = 18) -> Path:
    """A sources folder with `size` varied leaflets (and the project's word list)."""
    leaflets = folder / "leaflets"
    leaflets.mkdir(parents=True)
    shutil.copy(ROOT / "sources" / "wordlist.txt", folder / "wordlist.txt")
    images = folder / "images"
    images.mkdir()
    (images / "sling.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="140" viewBox="0 0 240 140">'
        '<rect x="10" y="10" width="220" height="120" rx="16" fill="#dde7f0"/>'
        '<path d="M40 100 Q120 20 200 100" stroke="#1d4f7a" stroke-width="10" fill="none"/>'
        '<circle cx="120" cy="60" r="18" fill="#1d4f7a"/></svg>', encoding="utf-8")
    (images / "chart.png").write_bytes(_png(320, 180))
    rng, dutch = random.Random(seed), _sample_sections()
    for number in range(size):
        text = yaml.safe_dump(_leaflet(number, rng, dutch), allow_unicode=True, sort_keys=False,
                              width=100)
        (leaflets / f"topic-{number + 1:03}.yaml").write_text(text, encoding="utf-8")
    return folder


def _png(width: int, height: int) -> bytes:
    """A small PNG (a gradient with bars), written without any imaging library."""
    rows = b"".join(b"\x00" + bytes(
        channel for x in range(width) for channel in (
            (40 + x * 180 // width) if (x // 40) % 2 else 230, 120 + y * 100 // height, 200))
        for y in range(height))
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))
