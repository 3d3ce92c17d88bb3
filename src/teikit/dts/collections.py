"""How the resources are grouped: a root collection holding collections (never resources directly,
which trips clients that walk collections), by the kind of document the headers name, or by the
folders of a corpus."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from teikit.dts.index import Index

ROOT = "root"
WAYS = ("auto", "kind", "folder")


@dataclass
class Collection:
    id: str
    title: str
    description: str = ""
    parent: str | None = None
    members: list[str] = field(default_factory=list)  # collection or resource ids, in order


@dataclass
class Collections:
    by_id: dict[str, Collection]
    parents: dict[str, list[str]]  # resource id -> ids of the collections holding it

    def is_collection(self, identifier: str) -> bool:
        return identifier in self.by_id


@dataclass(frozen=True)
class _Grouped:
    id: str
    path: str
    genre: str
    folder: str


def _plural(kind: str) -> str:
    """"record of conversation" -> "Records of conversation", "encyclopedia article" -> "Encyclopedia articles"."""
    words = kind.split()
    at = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
    word = words[at]
    words[at] = word if word.endswith("s") else (word[:-1] + "ies" if re.search(r"[^aeiou]y$", word) else word + "s")
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "documents"


def collections_of(index: Index, by: str = "auto") -> Collections:
    """The collections of ``index``'s resources: ``kind`` (the header's genre), ``folder``, or ``auto``
    (kinds when every document names its genre, else folders)."""
    resources = [_Grouped(*row) for row in index.groupings()]
    taken = {r.id for r in resources} | {ROOT}
    if by == "auto":
        by = "kind" if resources and all(r.genre for r in resources) else "folder"
    root = Collection(ROOT, index.title() or "DTS collections", "All the documents, by "
                      + ("kind" if by == "kind" else "folder"))
    found = {ROOT: root}
    parents: dict[str, list[str]] = {}

    def collection(key: str, title: str, parent: Collection) -> Collection:
        identifier = _slug(key)
        while identifier in taken:
            identifier += "-collection"
        taken.add(identifier)
        made = Collection(identifier, title, parent=parent.id)
        found[identifier] = made
        parent.members.append(identifier)
        return made

    by_key: dict[str, Collection] = {}
    for resource in sorted(resources, key=lambda r: (r.genre.lower(), r.folder, r.path) if by == "kind"
                           else (r.folder, r.path)):
        if by == "kind":
            kind = resource.genre or "other documents"
            if kind not in by_key:
                by_key[kind] = collection(kind, _plural(kind), root)
            home = by_key[kind]
        else:
            parts = resource.folder.split("/") if resource.folder else []
            home = root
            for depth in range(len(parts)):
                key = "/".join(parts[:depth + 1])
                if key not in by_key:
                    words = re.sub(r"[-_]+", " ", parts[depth]).strip()
                    by_key[key] = collection(key, words[:1].upper() + words[1:], home)
                home = by_key[key]
            if home is root:
                key = "documents"
                if key not in by_key:
                    by_key[key] = collection(key, "Documents", root)
                home = by_key[key]
        home.members.append(resource.id)
        parents.setdefault(resource.id, []).append(home.id)
    for made in found.values():
        if made.id != ROOT:
            count = sum(1 for m in made.members if m not in found)
            made.description = f"{count} document{'s' if count != 1 else ''}" if count else \
                f"{len(made.members)} collection{'s' if len(made.members) != 1 else ''}"
    return Collections(found, parents)
