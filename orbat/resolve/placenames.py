"""The canonical of a place mention as the text names it, given the gazetteer's answer.

The gazetteer answers the place it found ("Soum", "Lome", "Ouaddai Province"); the canonical keeps
what the article says about which unit and how it is spelled:

- a designator the surface ends in ("Soum province", "Marte LGA") stays in the name when the
  gazetteer's name has none: "Soum Province", "Marte Local Government Area" (the town and its
  province are two entities, not two names of one);
- a designated unit the gazetteer read as a country ("Sur district" -> Suriname) is the unit;
- letters the gazetteer folded to ASCII ("Lome", "Abeche") keep the article's diacritics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from anyascii import anyascii


def _fold(word: str) -> str:
    return str(anyascii(word)).casefold()


def split_designator(surface: str, designators: Mapping[str, str]) -> tuple[str, str | None]:
    """("Soum", "Province") for "Soum province"; (surface, None) when it ends in no designator."""
    words = surface.split()
    if len(words) < 2:
        return surface, None
    designator = designators.get(words[-1].lower())
    return (" ".join(words[:-1]), designator) if designator is not None else (surface, None)


def _has_designator(canonical: str, designators: Mapping[str, str]) -> bool:
    if "(" in canonical:  # "North Region (Cameroon)", "Arghandab District (Kandahar)"
        return True
    words = canonical.split()
    return len(words) > 1 and words[-1].lower() in designators


def _accented(canonical: str, surface: str) -> str:
    """The canonical's words spelled as in the surface when they differ only by diacritics."""
    spelled = {_fold(w): w for w in surface.split() if not w.isascii()}
    if not spelled:
        return canonical
    out = []
    for word in canonical.split():
        written = spelled.get(_fold(word))
        if written is None or written == word:
            out.append(word)
        else:
            out.append(written.title() if written.isupper() else word[0] + written[1:] if written[0].isascii()
                       else written)
    return " ".join(out)


def place_name(surface: str, canonical: str, designators: Mapping[str, str],
               is_country: Callable[[str], bool]) -> str:
    """The canonical of the LOCATION mention ``surface`` whose gazetteer canonical is ``canonical``."""
    surface = " ".join(surface.split())
    name, designator = split_designator(surface, designators)
    if designator is not None and not _has_designator(canonical, designators):
        base = name if is_country(canonical) and not is_country(name) else canonical
        canonical = f"{base} {designator}"
    return _accented(canonical, surface)
