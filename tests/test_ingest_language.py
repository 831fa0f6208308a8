"""Language detection: non-English articles are recognised so the pipeline can skip them."""

from __future__ import annotations

from pathlib import Path

import pytest

from orbat.ingest import detect_language, is_english, read_inputs
from orbat.model import Article
from orbat.settings import Settings

ENGLISH = "Gunmen attacked an army checkpoint in the province on Tuesday, killing three soldiers, officials said."
FRENCH = ("Des hommes armés ont attaqué mardi un poste de l'armée dans la province, tuant trois soldats, "
          "selon des responsables locaux.")
ARABIC = "هاجم مسلحون نقطة تفتيش للجيش في المحافظة يوم الثلاثاء وقتلوا ثلاثة جنود بحسب مسؤولين محليين."


@pytest.mark.parametrize(("text", "code"), [(ENGLISH, "en"), (FRENCH, "fr"), (ARABIC, "ar")])
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "english"), [(ENGLISH, True), (FRENCH, False), (ARABIC, False)])
def test_is_english(text: str, english: bool) -> None:
    assert is_english(Article(id="x", text=text)) is english


def test_recorded_language_wins() -> None:
    assert is_english(Article(id="x", text=ENGLISH, language="fr")) is False


def test_text_without_letters_has_no_language() -> None:
    assert detect_language("12 345 -- 2024") is None


def test_read_inputs_records_language(tmp_path: Path) -> None:
    (tmp_path / "fr.txt").write_text("Attaque dans la province\n\n" + FRENCH, encoding="utf-8")
    (tmp_path / "ar.txt").write_text(ARABIC, encoding="utf-8")
    articles = [r.article for r in read_inputs([str(tmp_path)], Settings())]
    assert [(a.language, is_english(a)) for a in articles if a] == [("ar", False), ("fr", False)]
