"""The ``vn_govie_gazetteer`` component: rule-found names added where the model found none.

In order: entities take in the kind written before them (``kinds.attach_kinds``),
source bylines and photo credits (``bylines.find_byline_spans``), bodies named by a
kind and a capitalised name (``kinds.find_body_spans``), people
after a word for a person or a title (``people.find_people_spans``), then
gazetteer matches (``gazetteer.find_gazetteer_spans``); each on tokens no entity holds.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .bylines import find_byline_spans
from .gazetteer import find_gazetteer_spans
from .kinds import attach_kinds, find_body_spans
from .people import find_people_spans

DEFAULT_LABELS = ("LOCATION", "POSITION", "ORG", "PERSON")


class GazetteerEntities:
    """Adds kinds, bodies, people and gazetteer matches of ``labels`` to ``doc.ents`` where no entity is yet."""

    def __init__(
        self,
        name: str = "vn_govie_gazetteer",
        labels: tuple[str, ...] = DEFAULT_LABELS,
        attach_kinds: bool = True,
    ) -> None:
        self.name = name
        self.labels = tuple(labels)
        self.attach_kinds = attach_kinds

    def __call__(self, doc: Doc) -> Doc:
        if self.attach_kinds:
            doc.ents = attach_kinds(doc)
        taken = {i for e in doc.ents for i in range(e.start, e.end)}
        added = [*find_byline_spans(doc, taken), *find_body_spans(doc, taken)] if "ORG" in self.labels else []
        added += find_people_spans(doc, taken) if "PERSON" in self.labels else []
        added += [
            s for s in find_gazetteer_spans(doc)
            if s.label_ in self.labels and not taken.intersection(range(s.start, s.end))
        ]
        if added:
            doc.ents = sorted([*doc.ents, *added], key=lambda e: e.start)
        return doc


@Language.factory(
    "vn_govie_gazetteer", default_config={"labels": list(DEFAULT_LABELS), "attach_kinds": True}, assigns=["doc.ents"]
)
def make_gazetteer_entities(nlp: Language, name: str, labels: list[str], attach_kinds: bool) -> GazetteerEntities:
    return GazetteerEntities(name, tuple(labels), attach_kinds)
