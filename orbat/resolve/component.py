"""Resolution stage (orbat_resolver): every entity span becomes a linked, explained Mention.

1. each span is linked on its own (``Linker``: override, KB alias exact/loose, fuzzy, minted;
   LOCATION canonicals come from orbat.geo ``place_canonical``, with the designator and the
   diacritics the text writes, ``placenames``);
2. in-document alias findings (``find_links``) merge mentions into one entity: a minted name
   joins the KB entity it is an acronym, gloss or short form of;
3. all mentions of one entity share one canonical (the KB name, else the most complete surface);
4. ``Doc._.aliases`` gets one [canonical, surface, ...] group per entity whose surfaces differ;
   renamings go to ``doc.user_data["orbat.renamings"]`` as (old Mention, new Mention, cue);
5. ``Doc._.coref`` gets every group description ("the group") with the entity it names and the rule
   (``orbat.resolve.coref``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from orbat.errors import ModelError
from orbat.kb.loader import KnowledgeBase
from orbat.model import Mention
from orbat.nlp.gazetteer import PlaceOracle
from orbat.nlp.names import EntityRules, load_rules, parse_arabic_name
from orbat.resolve.aliases import AliasLink, apposition, find_links, short_org_names
from orbat.resolve.coref import link_descriptions
from orbat.resolve.linking import Link, Linker, clean_surface, minted_id
from orbat.resolve.placenames import place_name
from orbat.resources import Resources

RENAMINGS_KEY = "orbat.renamings"


@Language.factory("orbat_resolver", requires=["doc.ents"], assigns=["doc._.mentions", "doc._.aliases", "doc._.coref"])
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver(nlp)


class Resolver:
    """The orbat_resolver component; ``set_overrides`` installs analyst judgements. Its KB and
    places come from ``initialize`` (the pipeline's ``Resources``) or ``configure`` (tests)."""

    def __init__(self, nlp: Language | None = None, resources: Resources | None = None) -> None:
        self._nlp = nlp
        self._linker: Linker | None = None
        self._places: PlaceOracle | None = None
        self._kb: KnowledgeBase | None = None
        self._rules: EntityRules | None = None
        self._overrides: dict[str, tuple[str, str, str]] = {}
        if resources is not None:
            self.initialize(resources=resources)

    def initialize(self, get_examples: Callable[[], Any] | None = None, *, nlp: Language | None = None,
                   resources: Resources) -> None:
        self.configure(resources.kb, PlaceOracle.of(resources.gazetteer), resources.entity_rules)

    def configure(self, kb: KnowledgeBase | None, places: PlaceOracle, rules: EntityRules | None = None) -> None:
        """Use this knowledge base (None: none), place oracle and entity rules (tests, other KB directories)."""
        self._kb, self._places, self._linker = kb, places, None
        self._rules = rules if rules is not None else self._rules or load_rules()

    @property
    def linker(self) -> Linker:
        if self._linker is None:
            self._linker = Linker(self._kb, self.rules)
            self._linker.set_overrides(self._overrides)
        return self._linker

    @property
    def rules(self) -> EntityRules:
        if self._rules is None:
            raise ModelError("orbat_resolver has no resources: build the pipeline with orbat.pipeline.build_nlp")
        return self._rules

    @property
    def places(self) -> PlaceOracle:
        if self._places is None:
            raise ModelError("orbat_resolver has no resources: build the pipeline with orbat.pipeline.build_nlp")
        return self._places

    def set_overrides(self, aliases: dict[str, tuple[str, str, str]]) -> None:
        """alias_key -> (entity_id, canonical, type), applied before the KB lookup."""
        self._overrides = dict(aliases)
        if self._linker is not None:
            self._linker.set_overrides(self._overrides)

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        found, renamings = find_links(doc, self.rules.lexicon)
        labels = [e.label_ for e in ents]
        for r in renamings:  # "X rebranded itself as Y": Y is the same kind of body as X
            if labels[r.old].startswith("ORG"):
                labels[r.new] = labels[r.old]
        named = self._named_countries(doc, ents)
        context = list(doc._.countries) or [c for c, _ in named.most_common()]
        links = [self._link(e, label, context) for e, label in zip(ents, labels, strict=True)]
        if not doc._.countries:
            named.update(self._kb_countries(links))
            merged = [c for c, _ in named.most_common()]
            if merged != context:
                context = merged
                links = [self._link(e, label, context) if label == "LOCATION" or link.rule.endswith(":ambiguous")
                         else link for e, label, link in zip(ents, labels, links, strict=True)]
            doc._.countries[:] = context
        found += short_org_names(ents, [link.is_kb for link in links])
        clusters = _clusters(len(ents), links, found)
        article = doc._.article
        text = article.text if article is not None else doc.text
        mentions: list[Mention] = []
        for i, ent in enumerate(ents):
            link = clusters.final[i]
            attrs = dict(ent._.attrs or {})
            attrs.pop("kb_ids", None)
            if link.type == "PERSON" and len(ent) > 1:
                parts = parse_arabic_name(text[ent.start_char:ent.end_char], self.rules)
                if parts.kunya or parts.nasab or parts.nisba or parts.laqab:  # an Arabic name: keep its parts
                    attrs.update(parts.attrs())
            attrs.update(apposition(ent))
            mentions.append(Mention(text[ent.start_char:ent.end_char], ent.start_char, ent.end_char, link.type,
                                    link.canonical, link.entity_id, rule=clusters.rules[i], attrs=attrs))
            ent._.canonical, ent._.entity_id, ent._.rule = link.canonical, link.entity_id, clusters.rules[i]
        doc._.mentions.extend(mentions)
        doc._.aliases.extend(alias_groups(mentions))
        doc._.coref.extend(link_descriptions(doc, self.rules.lexicon))
        doc.user_data[RENAMINGS_KEY] = [(mentions[r.old], mentions[r.new], r.phrase) for r in renamings]
        return doc

    def _kb_countries(self, links: list[Link]) -> Counter[str]:
        """ISO2 codes of the article's unambiguous KB entities, with their counts."""
        counts: Counter[str] = Counter()
        for link in links:
            if link.is_kb and not link.rule.endswith(":ambiguous") and link.rule != "override":
                countries = self.linker.kb.get(link.entity_id).countries
                if 0 < len(countries) <= 3:
                    counts.update(countries)
        return counts

    def _named_countries(self, doc: Doc, ents: list[Span]) -> Counter[str]:
        """Countries the article names: its country names and places that exist in one country only,
        demonyms ("Pakistani"), the countries of state forces ("Military Forces of Pakistan")."""
        counts: Counter[str] = Counter()
        for ent in ents:
            if ent.label_ == "LOCATION":
                iso = self.places.iso2(ent.text) or self.places.country_hint(ent.text)
            else:
                name = (ent._.canonical or "").rpartition(" of ")[2].removeprefix("the ")
                iso = self.places.iso2(name) if name else None
            if iso:
                counts[iso] += 1
        for tok in doc:
            if tok.is_title and tok.ent_type_ == "" and len(tok) > 3:
                country = self.places.demonym_country(tok.text)
                iso = self.places.iso2(country) if country else None
                if iso:
                    counts[iso] += 1
        return counts

    def _link(self, ent: Span, label: str, context: list[str]) -> Link:
        surface = ent.text
        if label == "LOCATION":
            override = self.linker.overrides
            if override:
                link = self.linker.link(surface, "LOCATION")
                if link.rule == "override":
                    return link
            cleaned = clean_surface(surface, "LOCATION", self.rules)
            canonical = place_name(cleaned, self.places.canonical(surface, context) or cleaned,
                                   self.rules.lexicon.mapping("admin_designators"),
                                   lambda name: self.places.iso2(name) is not None)
            return Link(minted_id("LOCATION", canonical), canonical, "LOCATION", "place")
        if ent._.canonical:  # state forces and governments come with their ACLED-style name
            link = self.linker.link(ent._.canonical, label)
            rule = ent._.rule or "state-force"
            if link.is_kb:
                return Link(link.entity_id, link.canonical, link.type, f"{rule}+{link.rule}")
            return Link(minted_id(label, ent._.canonical), ent._.canonical, label, rule)
        kb_ids = (ent._.attrs or {}).get("kb_ids", ())
        return self.linker.link(surface, label, kb_ids, context)


class _Clusters:
    def __init__(self, final: list[Link], rules: list[str]) -> None:
        self.final = final
        self.rules = rules


def _clusters(n: int, links: list[Link], found: list[AliasLink]) -> _Clusters:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_id: dict[str, int] = {}
    for i, link in enumerate(links):
        first = by_id.setdefault(link.entity_id, i)
        parent[root(i)] = root(first)
    reasons = [link.rule for link in links]
    for f in found:
        a, b = links[f.a], links[f.b]
        if a.is_kb and b.is_kb and a.entity_id != b.entity_id:
            continue  # two curated entities: the KB knows better than a textual cue
        parent[root(f.b)] = root(f.a)
        if a.is_kb and b.is_kb:
            continue  # both already explained by the KB
        target = f.b if not b.is_kb else f.a
        other = f.a if target == f.b else f.b
        reasons[target] = f.rule if f.rule != "short-name" else f"short-name->{links[other].canonical}"
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    final = list(links)
    for members in groups.values():
        best = _representative([links[i] for i in members])
        for i in members:
            final[i] = best
    return _Clusters(final, reasons)


def _representative(links: list[Link]) -> Link:
    kb = [link for link in links if link.is_kb]
    if kb:
        return kb[0]
    person = [link for link in links if link.type == "PERSON"]
    pool = person or links
    return max(pool, key=lambda link: (len(link.canonical.split()), len(link.canonical)))


def alias_groups(mentions: list[Mention]) -> list[list[str]]:
    """[canonical, surface, ...] for every entity whose surfaces differ from the canonical or each other."""
    groups: dict[str, list[str]] = {}
    for m in mentions:
        group = groups.setdefault(m.entity_id, [m.canonical])
        surface = " ".join(m.text.split())
        if surface not in group:
            group.append(surface)
    return [g for g in groups.values() if len(g) > 1]
