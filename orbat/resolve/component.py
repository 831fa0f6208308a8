"""Resolution stage (baseline): every typed span becomes a Mention whose canonical is the
normalised surface and whose entity id is minted from type and key."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from orbat.model import Mention
from orbat.nlp.normalize import alias_key


def minted_id(type_: str, canonical: str) -> str:
    slug = re.sub(r"\s+", "-", alias_key(canonical)) or "x"
    return f"new:{type_.lower()}:{slug}"


@Language.factory("orbat_resolver", requires=["doc.ents"], assigns=["doc._.mentions"])
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver()


class Resolver:
    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        text = article.text if article is not None else doc.text
        mentions = doc._.mentions
        for ent in doc.ents:
            start, end = ent.start_char, ent.end_char
            canonical = ent._.canonical or " ".join(text[start:end].split())
            ent_id = ent._.entity_id or minted_id(ent.label_, canonical)
            mentions.append(Mention(text[start:end], start, end, ent.label_, canonical, ent_id,
                                    rule=ent._.rule or "surface"))
        return doc
