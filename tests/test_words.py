"""The words of the interface: one gettext catalog per language, complete and in step."""

from __future__ import annotations

import re
from pathlib import Path

from socialroi_tui.text import catalogs
from socialroi_tui.text.words import LANGUAGES, LOCALE, has_words, label, t, tn

SOURCES = Path(__file__).resolve().parent.parent / "src" / "socialroi_tui"
USED = re.compile(r"\btn?\(\s*\"([a-z0-9_]+)\"")


def test_each_language_is_a_catalog_and_its_compiled_file_is_up_to_date():
    """A third language is a new ``.po`` file; ``python -m socialroi_tui.text.catalogs``
    compiles it (the tests fail while a ``.mo`` is older than its ``.po``)."""
    assert set(LANGUAGES) >= {"fr", "en"}
    for lang in catalogs.languages():
        assert (LOCALE / f"{lang}.mo").read_bytes() == catalogs.compiled(lang), lang


def test_the_catalogs_are_complete_consistent_and_typeset():
    """Every key in every language, the same placeholders as in English, every plural
    form, French no-break spaces before : ; ! ? % and inside « », one kind of apostrophe."""
    assert catalogs.problems() == []


def test_every_key_the_code_names_has_words():
    used = {
        key
        for path in SOURCES.rglob("*.py")
        for key in USED.findall(path.read_text(encoding="utf-8"))
    }
    assert len(used) > 150
    assert sorted(key for key in used if not has_words(key)) == []


def test_counted_words_take_the_languages_plural():
    assert tn("imported", 1, "en") == "1 row imported"
    assert tn("imported", 2, "en") == "2 rows imported"
    assert tn("imported", 0, "fr") == "0 ligne importée"
    assert tn("imported", 1, "fr") == "1 ligne importée"
    assert tn("imported", 3, "fr") == "3 lignes importées"
    assert tn("selected_count", 2, "fr") == "2 choisis"


def test_a_missing_word_falls_back_to_english_then_to_its_key():
    assert t("save_help", "fr") != t("save_help", "en")
    assert t("no_such_key_anywhere", "fr") == "no_such_key_anywhere"
    assert label("budget", "fr") == "Budget\u00a0: " and label("budget", "en") == "Budget: "


def test_the_campaign_language_chooses_the_app_language_unless_lang_is_given(tmp_path, monkeypatch):
    from socialroi_tui import cli
    from socialroi_tui.model import Campaign, Meta
    from socialroi_tui.store import save_campaign
    from socialroi_tui.tui import launch

    chosen = []
    monkeypatch.setattr(launch, "run_app", lambda path, screen, lang: chosen.append(lang) or 0)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    french = tmp_path / "french.toml"
    save_campaign(Campaign(meta=Meta(name="Lancement", language="fr")), french)
    english = tmp_path / "english.toml"
    save_campaign(Campaign(meta=Meta(name="Launch", language="en")), english)
    hand_written = tmp_path / "hand.toml"
    hand_written.write_text("schema_version = 1\n[meta] # client\n  language = 'fr'\n")
    no_meta = tmp_path / "bare.toml"
    no_meta.write_text("schema_version = 1\n[[channels]]\nlanguage = 'fr'\n")
    for argv in (
        [str(french)],
        [str(english)],
        [str(hand_written)],
        [str(no_meta)],
        [str(french), "--lang", "en"],
        [str(tmp_path / "missing.toml")],
    ):
        assert cli.main(argv) == 0
    assert chosen == ["fr", "en", "fr", "en", "en", "en"]
