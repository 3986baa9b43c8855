"""The difference between two graphs, resource by resource: which resources were added, which were
removed, and for each changed one the triples added and removed.

A resource is what has one page and one document in the site: an IRI under the base together with
its `#fragments` (`namespaces.resource_path`); an IRI outside the base (an EQF level) is its own
resource. Triples are compared as canonical N-Triples lines, so language-tag case and the order
of the sources never show up as changes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from noks.namespaces import resource_path
from noks.terms import natural_key, term_nt


@dataclass(frozen=True)
class ResourceChange:
    resource: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChangeSet:
    old: str  # what was compared: a release version, "build", or a file
    new: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[ResourceChange, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def summary(self) -> dict[str, int]:
        return {
            "resources_added": len(self.added),
            "resources_removed": len(self.removed),
            "resources_changed": len(self.changed),
            "triples_added": sum(len(c.added) for c in self.changed),
            "triples_removed": sum(len(c.removed) for c in self.changed),
        }

    def to_json(self) -> str:
        data = {
            "from": self.old,
            "to": self.new,
            "summary": self.summary(),
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [
                {"resource": c.resource, "added": list(c.added), "removed": list(c.removed)} for c in self.changed
            ],
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    def to_text(self) -> str:
        s = self.summary()
        lines = [
            f"from {self.old} to {self.new}: {s['resources_added']} added, {s['resources_removed']} removed, "
            f"{s['resources_changed']} changed ({s['triples_added']} triples added, {s['triples_removed']} removed)"
        ]
        lines += [f"+ <{iri}>" for iri in self.added]
        lines += [f"- <{iri}>" for iri in self.removed]
        for change in self.changed:
            lines.append(f"~ <{change.resource}>")
            lines += [f"    + {line}" for line in change.added]
            lines += [f"    - {line}" for line in change.removed]
        return "\n".join(lines) + "\n"


def resource_of(subject: ox.NamedNode | ox.BlankNode, base: str) -> str:
    """The resource a subject belongs to: its page's IRI, or itself outside the base."""
    path = resource_path(subject.value, base) if isinstance(subject, ox.NamedNode) else None
    return subject.value if path is None else base + path


def by_resource(triples: Iterable[ox.Triple], base: str) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = defaultdict(set)
    for t in triples:
        grouped[resource_of(t.subject, base)].add(f"{term_nt(t.subject)} {term_nt(t.predicate)} {term_nt(t.object)} .")
    return grouped


def diff(
    old: Iterable[ox.Triple], new: Iterable[ox.Triple], base: str, old_name: str = "old", new_name: str = "new"
) -> ChangeSet:
    """What changed from `old` to `new`, every list in natural order."""
    before, after = by_resource(old, base), by_resource(new, base)
    order = natural_key
    changed = [
        ResourceChange(
            iri, tuple(sorted(after[iri] - before[iri], key=order)), tuple(sorted(before[iri] - after[iri], key=order))
        )
        for iri in sorted(before.keys() & after.keys(), key=order)
        if before[iri] != after[iri]
    ]
    return ChangeSet(
        old_name,
        new_name,
        added=tuple(sorted(after.keys() - before.keys(), key=order)),
        removed=tuple(sorted(before.keys() - after.keys(), key=order)),
        changed=tuple(changed),
    )
