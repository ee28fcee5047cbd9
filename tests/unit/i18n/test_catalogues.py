"""The gettext catalogues: one ``.po`` file per area and language, read with Babel.

Every area has an English and a French file with the same keys; a key in two areas, or in one
language only, fails loudly at load; texts survive the ``.po`` escaping exactly; the conversion
script of the old ``messages/<area>.py`` modules merges keys.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

import collab_app.i18n as i18n
from collab_app.i18n import areas, catalogue, messages_of

PLACEHOLDER = re.compile(r"{(\w*)}")
SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "messages_to_po.py"


def load_script():
    spec = importlib.util.spec_from_file_location("messages_to_po", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def real():
    """The real catalogue, read before ``locales`` points the reader elsewhere."""
    return dict(catalogue())


@pytest.fixture
def locales(real, tmp_path, monkeypatch):
    """An empty locales folder read by the catalogue (and written by the script) instead."""
    script = load_script()
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path / "locales")
    monkeypatch.setattr(script, "LOCALES_DIR", tmp_path / "locales")
    monkeypatch.setattr(script, "MESSAGES_DIR", tmp_path / "messages")
    messages_of.cache_clear()
    catalogue.cache_clear()
    yield script
    messages_of.cache_clear()
    catalogue.cache_clear()


def test_every_area_has_both_files_keys_and_matching_placeholders():
    assert len(areas()) >= 13
    total = 0
    for area in areas():
        for language in ("en", "fr"):
            assert (i18n.LOCALES_DIR / language / "LC_MESSAGES" / f"{area}.po").is_file()
        messages = messages_of(area)
        assert len(messages) > 0, area
        total += len(messages)
        for key, (english, french) in messages.items():
            assert english.strip() and french.strip(), key
            assert set(PLACEHOLDER.findall(english)) == set(PLACEHOLDER.findall(french)), key
    assert total == len(catalogue())


def test_texts_with_escapes_round_trip_exactly(real, locales):
    sample = {key: pair for key, pair in real.items() if "\u00a0" in pair[1]}
    sample = dict(list(sample.items())[:20])
    sample |= {key: pair for key, pair in real.items() if "\n" in pair[0] + pair[1]}
    sample |= {key: pair for key, pair in real.items() if "%" in pair[0] + pair[1]}
    sample |= {
        "sample.quotes": ('Say "hello"', 'Dites «\u00a0bonjour\u00a0» et "salut"\u00a0!'),
        "sample.backslash": ("C:\\temp\\n is not a newline", "C:\\temp\\n n'est pas\u00a0: \\"),
        "sample.lines": ("\nfirst\n\nsecond\n", "\npremière\n\nseconde\n"),
        "sample.tab": ("a\tb {param}", "a\tb {param}\u202f?"),
        "sample.hash": ("# not a comment", '#, fuzzy "msgid"'),
    }
    locales.write_area("en", "sample", {key: pair[0] for key, pair in sample.items()})
    locales.write_area("fr", "sample", {key: pair[1] for key, pair in sample.items()})
    assert messages_of("sample") == sample
    assert catalogue() == sample


def test_a_key_in_two_areas_fails_at_load(locales):
    for area in ("one", "two"):
        for language in ("en", "fr"):
            locales.write_area(language, area, {f"{area}.own": "x", "shared.key": "y"})
    with pytest.raises(RuntimeError, match=r"defined twice: shared\.key"):
        catalogue()


def test_a_key_in_one_language_only_fails_at_load(locales):
    locales.write_area("en", "area", {"area.a": "A", "area.b": "B"})
    locales.write_area("fr", "area", {"area.a": "A"})
    with pytest.raises(RuntimeError, match="one language only"):
        catalogue()


def test_an_area_without_its_french_file_fails_at_load(locales):
    locales.write_area("en", "area", {"area.a": "A"})
    with pytest.raises(FileNotFoundError):
        catalogue()


def test_the_script_merges_an_old_python_module_into_the_po_files(locales, monkeypatch):
    locales.write_area("en", "area", {"area.kept": "Kept", "area.changed": "Old"})
    locales.write_area("fr", "area", {"area.kept": "Gardé", "area.changed": "Ancien"})
    locales.MESSAGES_DIR.mkdir()
    (locales.MESSAGES_DIR / "__init__.py").write_text('"""Old package."""\n')
    (locales.MESSAGES_DIR / "area.py").write_text(
        "MESSAGES = {\n"
        '    "area.changed": ("New", "Nouveau"),\n'
        '    "area.added": ("Added: {n}", "Ajouté\\u00a0: {n}"),\n'
        "}\n"
    )
    monkeypatch.setattr(sys, "argv", ["messages_to_po.py"])
    assert locales.main() == 0
    assert messages_of("area") == {
        "area.kept": ("Kept", "Gardé"),
        "area.changed": ("New", "Nouveau"),
        "area.added": ("Added: {n}", "Ajouté\u00a0: {n}"),
    }
    assert not locales.MESSAGES_DIR.exists()


def test_the_script_refuses_a_key_in_two_old_modules(locales, monkeypatch):
    locales.MESSAGES_DIR.mkdir()
    for area in ("one", "two"):
        (locales.MESSAGES_DIR / f"{area}.py").write_text('MESSAGES = {"k": ("a", "b")}\n')
    monkeypatch.setattr(sys, "argv", ["messages_to_po.py"])
    with pytest.raises(SystemExit, match="defined twice: k"):
        locales.main()
    assert not (locales.LOCALES_DIR).exists()
