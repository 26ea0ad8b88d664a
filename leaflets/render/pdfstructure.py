"""The tagged structure of an accessible PDF, finished where WeasyPrint leaves gaps.

A WeasyPrint finisher (`finish`), run on the pydyf document before it is
written, so the file is written once and stays byte-identical for identical
input. What it changes, and why:

- **Running footers and page numbers** become artefacts (`/Artifact` with
  `/Type /Pagination`) in the content stream, and leave the structure tree.
  WeasyPrint tags the text of page-margin boxes and maps it to structure
  elements that the tree never lists, and marks them as artefacts only in PDF
  2.0 output; screen readers then meet "pagina 3 van 11" between two
  sentences, and checkers report it (outloud PAG-001).
- **One link per link**: WeasyPrint makes a link annotation and a Link element
  for every box inside a link (its pseudo-elements, a leader, each piece of a
  link split over lines). A contents entry was three or four links. Here a
  link is one Link element holding its text and its annotations, and an
  annotation that lies inside another of the same link is dropped.
- **Leader dots are artefacts**: the dots of a contents list are drawn, not
  read; a screen reader reads "Wat is ...? 2", not thirty dots.
- **Annotations are described by their text**: WeasyPrint describes a link
  annotation (`/Contents`) by its target, such as `question-1`; here by the
  words of the link, such as the question it leads to.

The PDF objects are pydyf's: dictionaries and arrays whose references are
bytes such as b"12 0 R".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, cast

import pydyf

#: A reference to an indirect object, as pydyf writes it: b"12 0 R".
Reference = bytes
#: A pydyf dictionary (a structure element, an annotation, a page).
PdfDict = Any

_PAGINATION = pydyf.Dictionary({"Type": "/Pagination"})


def finish(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher for a tagged PDF: see the module's docstring."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    tree = _Tree(pdf)
    tree.artifact_leaders(_leader_annotations(document))
    tree.merge_links()
    tree.artifact_unlisted_content()
    _describe_links(document)


def _object(pdf: Any, reference: Reference) -> Any:
    return pdf.objects[int(reference.split()[0])]


def _number(reference: Reference) -> int:
    return int(reference.split()[0])


def _is_reference(value: object) -> bool:
    return isinstance(value, bytes) and value.endswith(b" R")


class _Tree:
    """The structure tree, the parent tree and the page contents of one pydyf PDF."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        self.root = _object(pdf, pdf.catalog["StructTreeRoot"])
        self.nums = _object(pdf, self.root["ParentTree"])["Nums"]
        kids = pdf.pages["Kids"]
        self.pages = [pdf.objects[kids[index]] for index in range(0, len(kids), 3)]

    # -- reading ---------------------------------------------------------------

    def element(self, reference: Reference) -> PdfDict:
        return _object(self.pdf, reference)

    def elements(self, reference: Reference | None = None) -> Iterator[tuple[Reference, PdfDict]]:
        """Every structure element under `reference` (the root's), depth first."""
        kids = self.root["K"] if reference is None else self.element(reference).get("K", ())
        for kid in kids:
            if _is_reference(kid):
                element = self.element(kid)
                if element.get("Type") == "/StructElem":
                    yield kid, element
                    yield from self.elements(kid)

    def page_mcids(self, page: int) -> list[Any]:
        """The parent tree's array for `page`: the element of each marked-content id."""
        for index in range(0, len(self.nums), 2):
            if self.nums[index] == page and isinstance(self.nums[index + 1], list):
                return cast(list[Any], self.nums[index + 1])  # changed in place
        return []

    def page_of(self, element: PdfDict) -> int:
        return int(self.pdf.page_references.index(element["Pg"]))

    # -- changing --------------------------------------------------------------

    def to_artifact(self, page: int, mcids: set[int], properties: PdfDict = None) -> None:
        """Mark the content with these ids on `page` as an artefact, out of the tree."""
        contents = self.element(self.pages[page]["Contents"])
        stream, operations = contents.stream, list[Any]()
        for index, item in enumerate(stream):
            if (isinstance(item, dict) and item.get("MCID") in mcids
                    and index + 1 < len(stream) and stream[index + 1] == b"BDC"):
                # "/Span <</MCID 7>> BDC" -> "/Artifact BMC" or "/Artifact <<...>> BDC"
                operations[-1] = "/Artifact"
                operations.append(b"BMC" if properties is None else properties)
                continue
            if item == b"BDC" and operations and operations[-1] == b"BMC":
                continue
            operations.append(item)
        contents.stream = operations
        parents = self.page_mcids(page)
        for mcid in mcids:
            if mcid < len(parents):
                parents[mcid] = "null"
        while parents and parents[-1] == "null":
            parents.pop()

    def drop_annotation(self, objr_reference: Reference) -> None:
        """Remove a link annotation: from its page, the parent tree and its element."""
        annotation_reference = self.element(objr_reference)["Obj"]
        annotation = self.element(annotation_reference)
        for page in self.pages:
            if annotation_reference in page.get("Annots", ()):
                page["Annots"].remove(annotation_reference)
        key = annotation.pop("StructParent", None)
        for index in range(0, len(self.nums), 2):
            if self.nums[index] == key:
                del self.nums[index:index + 2]
                break

    def artifact_leaders(self, annotations: set[bytes]) -> None:
        """Leader dots (the elements holding these annotations) become artefacts."""
        leaders: dict[int, set[int]] = {}  # the marked content of each page's dots
        for reference, element in list(self.elements()):
            objrs = [kid for kid in element["K"] if _is_reference(kid)
                     and self.element(kid).get("Type") == "/OBJR"]
            if not any(self.element(objr)["Obj"] in annotations for objr in objrs):
                continue
            leaders.setdefault(self.page_of(element), set()).update(
                kid for kid in element["K"] if isinstance(kid, int))
            for objr in objrs:
                self.drop_annotation(objr)
            parent = self.element(element["P"])
            parent["K"].remove(reference)
            element.clear()
        for page, mcids in leaders.items():  # one pass through each page's content
            self.to_artifact(page, mcids)

    def merge_links(self) -> None:
        """One Link element per link: nested and split pieces join the outermost."""
        for reference, element in list(self.elements()):
            if element.get("S") == "/Link" and self.element(element["P"]).get("S") != "/Link":
                self._absorb_nested_links(reference, element)
        for _, element in list(self.elements()):
            self._join_split_links(element)

    def _objrs(self, element: PdfDict) -> list[Reference]:
        return [kid for kid in element.get("K", ()) if _is_reference(kid)
                and self.element(kid).get("Type") == "/OBJR"]

    def _destination(self, objr: Reference) -> bytes | None:
        annotation = self.element(self.element(objr)["Obj"])
        target = annotation.get("Dest") or annotation.get("A", {}).get("URI")
        return None if target is None else bytes(target.data)  # pydyf strings: by identity

    def _absorb_nested_links(self, reference: Reference, link: PdfDict) -> None:
        """Replace Link elements inside `link` by their content; keep `link`'s annotations."""
        own = self._objrs(link)
        kids: list[Any] = []
        for kid in link["K"]:
            if _is_reference(kid) and self.element(kid).get("S") == "/Link":
                self._absorb_nested_links(kid, self.element(kid))
                nested = self.element(kid)
                for inner in nested["K"]:
                    if inner in self._objrs(nested):
                        if self._inside(inner, own):
                            self.drop_annotation(inner)
                            continue
                        self._reparent_objr(inner, reference)
                    elif isinstance(inner, int):
                        self._reparent_mcid(nested, inner, reference)
                    elif _is_reference(inner):
                        self.element(inner)["P"] = reference
                    kids.append(inner)
                nested.clear()
            else:
                kids.append(kid)
        link["K"] = pydyf.Array(kids)

    def _inside(self, objr: Reference, objrs: list[Reference]) -> bool:
        left, bottom, right, top = self._rect(objr)
        return any(self._destination(other) == self._destination(objr)
                   and outer[0] - 0.5 <= left and outer[1] - 0.5 <= bottom
                   and right <= outer[2] + 0.5 and top <= outer[3] + 0.5
                   for other in objrs for outer in [self._rect(other)])

    def _rect(self, objr: Reference) -> tuple[float, float, float, float]:
        x1, y1, x2, y2 = (float(v) for v in self.element(self.element(objr)["Obj"])["Rect"])
        return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)

    def _reparent_objr(self, objr: Reference, reference: Reference) -> None:
        key = self.element(self.element(objr)["Obj"]).get("StructParent")
        for index in range(0, len(self.nums), 2):
            if self.nums[index] == key:
                self.nums[index + 1] = reference

    def _reparent_mcid(self, element: PdfDict, mcid: int, reference: Reference) -> None:
        parents = self.page_mcids(self.page_of(element))
        if mcid < len(parents):
            parents[mcid] = reference

    def _join_split_links(self, parent: PdfDict) -> None:
        """Neighbouring Link elements to the same target (a link split over lines) join."""
        kids: list[Any] = []
        previous: tuple[Reference, PdfDict] | None = None
        for kid in parent.get("K", ()):
            element = self.element(kid) if _is_reference(kid) else None
            if (element is not None and element.get("S") == "/Link" and previous is not None
                    and self._same_target(previous[1], element)
                    and previous[1]["Pg"] == element["Pg"]):
                for inner in element["K"]:
                    if inner in self._objrs(element):
                        self._reparent_objr(inner, previous[0])
                    elif isinstance(inner, int):
                        self._reparent_mcid(element, inner, previous[0])
                    elif _is_reference(inner):
                        self.element(inner)["P"] = previous[0]
                    previous[1]["K"].append(inner)
                element.clear()
                continue
            kids.append(kid)
            previous = (kid, element) if element is not None and element.get("S") == "/Link" \
                else None
        if "K" in parent and isinstance(parent["K"], list):
            parent["K"] = pydyf.Array(kids)

    def _same_target(self, first: PdfDict, second: PdfDict) -> bool:
        targets = [{self._destination(objr) for objr in self._objrs(link)}
                   for link in (first, second)]
        return bool(targets[0]) and targets[0] == targets[1]

    def artifact_unlisted_content(self) -> None:
        """Content mapped to elements the tree never lists (page-margin boxes) -> artefacts."""
        listed = {_number(reference) for reference, _ in self.elements()}
        for page in range(len(self.pages)):
            parents = self.page_mcids(page)
            unlisted = {mcid for mcid, parent in enumerate(parents)
                        if _is_reference(parent) and _number(parent) not in listed}
            for mcid in unlisted:
                self.element(parents[mcid]).clear()
            if unlisted:
                self.to_artifact(page, unlisted, _PAGINATION)


def _boxes(document: Any) -> Iterator[Any]:
    for page in document.pages:
        yield from page._page_box.descendants()


def _leader_annotations(document: Any) -> set[Reference]:
    """The link annotations of leader boxes (`content: leader(...)`) inside links."""
    return {box.link_annotation.reference for box in _boxes(document)
            if getattr(box, "is_leader", False) and getattr(box, "link_annotation", None)}


def _describe_links(document: Any) -> None:
    """Each link annotation's description: the words of its link, not its target."""
    for box in _boxes(document):
        annotation = getattr(box, "link_annotation", None)
        if annotation is None or "Contents" not in annotation or box.element is None:
            continue
        words = " ".join("".join(box.element.itertext()).split())
        if words:
            annotation["Contents"] = pydyf.String(words)
