"""Offline language detection with lingua, built once per process on first use."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from orbat.model import Article

# Languages common in conflict reporting that lingua supports (it has no Hausa or Pashto).
LANGUAGES: tuple[Language, ...] = (
    Language.ENGLISH, Language.FRENCH, Language.ARABIC, Language.SPANISH, Language.PORTUGUESE,
    Language.GERMAN, Language.RUSSIAN, Language.TURKISH, Language.PERSIAN, Language.URDU,
    Language.ITALIAN, Language.DUTCH, Language.SOMALI, Language.SWAHILI, Language.INDONESIAN,
    Language.UKRAINIAN, Language.HINDI,
)
_SAMPLE_CHARS = 2_000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str, min_confidence: float = 0.5) -> str | None:
    """ISO 639-1 code of the text's language, "en" when no other language is confident.

    Only the first 2,000 characters are read, which keeps detection to a few milliseconds.
    Returns None for text without letters.
    """
    sample = text[:_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None
    top = values[0]
    if top.language != Language.ENGLISH and top.value < min_confidence:
        return "en"
    return top.language.iso_code_639_1.name.lower()


def is_english(article: Article, min_confidence: float = 0.5) -> bool:
    """True when the article is English (its recorded language, else detected now)."""
    lang = article.language or detect_language(article.text, min_confidence)
    return lang in (None, "en")
