"""Convert the old Python message catalogues into the gettext ``.po`` files, merging keys.

Messages used to live in ``collab_app/i18n/messages/<area>.py`` as
``MESSAGES = {"area.key": ("English {param}", "Français {param}"), ...}``. They now live in
``collab_app/i18n/locales/<lang>/LC_MESSAGES/<area>.po`` (msgid = the key, msgstr = the text),
read by ``collab_app.i18n.catalogue()`` with Babel.

Run it whenever a branch brings back (or adds) a ``collab_app/i18n/messages/*.py`` file::

    .venv/bin/python scripts/messages_to_po.py            # convert, verify, delete the .py files
    .venv/bin/python scripts/messages_to_po.py --keep     # convert and verify, keep the .py files
    .venv/bin/python scripts/messages_to_po.py --dump old.json   # also save the old dicts

For each ``<area>.py`` it loads ``MESSAGES`` (by path: the ``messages`` package need not be
importable), then merges it into both ``<area>.po`` files of the area:

- keys only in the ``.po`` files stay (deleting a key is done by editing the ``.po`` files);
- keys only in the ``.py`` file are appended, in the ``.py`` order;
- a key in both with a different text takes the ``.py`` text (the branch that still writes
  ``.py`` files carries the newer edit) and is printed as ``changed``; ``--prefer-po`` keeps the
  ``.po`` text instead.

Then it reads every written ``.po`` file back with ``babel.messages.pofile.read_po`` and checks
that every text of the ``.py`` files round-trips exactly (quotes, backslashes, newlines,
non-breaking spaces, ``{param}``); only then are the ``.py`` files (and the emptied
``messages`` package) deleted. A key defined in two areas stops the conversion.
"""

from __future__ import annotations

import argparse
import json
import runpy
import shutil
import sys
from pathlib import Path

from babel.messages.pofile import normalize, read_po

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "collab_app" / "i18n"
MESSAGES_DIR = I18N / "messages"
LOCALES_DIR = I18N / "locales"
LANGUAGES = ("en", "fr")


def po_path(language: str, area: str) -> Path:
    """Return the ``.po`` file of an area in a language.

    Args:
        language: ``en`` or ``fr``.
        area: The area name, e.g. ``board``.

    Returns:
        The path (it may not exist yet).
    """
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{area}.po"


def read_area(language: str, area: str) -> dict[str, str]:
    """Return the messages of an area's ``.po`` file in a language, in file order.

    Args:
        language: ``en`` or ``fr``.
        area: The area name.

    Returns:
        Mapping key -> text; empty when the file does not exist.
    """
    path = po_path(language, area)
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language, abort_invalid=True)
    return {message.id: message.string for message in catalog if message.id}


def write_area(language: str, area: str, texts: dict[str, str]) -> None:
    """Write an area's ``.po`` file in a language (no line wrapping, stable output).

    Args:
        language: ``en`` or ``fr``.
        area: The area name.
        texts: Mapping key -> text, written in this order.
    """
    lines = [
        f"# Messages of the {area} area ({language}): msgid is the key, msgstr the text.",
        f"# Keep collab_app/i18n/locales/{'en' if language == 'fr' else 'fr'}/LC_MESSAGES/"
        f"{area}.po in step (same keys, same {{placeholders}}).",
        'msgid ""',
        'msgstr ""',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
        f'"Language: {language}\\n"',
        "",
    ]
    for key, text in texts.items():
        lines += [f"msgid {normalize(key, width=0)}", f"msgstr {normalize(text, width=0)}", ""]
    path = po_path(language, area)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")


def load_py(path: Path) -> dict[str, tuple[str, str]]:
    """Return the ``MESSAGES`` dict of an old message module, loaded by path.

    Args:
        path: ``collab_app/i18n/messages/<area>.py``.

    Returns:
        Mapping key -> (english, french).
    """
    messages = runpy.run_path(str(path))["MESSAGES"]
    for key, pair in messages.items():
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise SystemExit(f"{path.name}: {key} is not an (english, french) pair")
    return messages


def merge(area: str, messages: dict[str, tuple[str, str]], prefer_po: bool) -> None:
    """Merge an area's old messages into its two ``.po`` files and print what changed.

    Args:
        area: The area name.
        messages: Mapping key -> (english, french) from the ``.py`` file.
        prefer_po: Keep the ``.po`` text when a key exists in both with different texts.
    """
    for index, language in enumerate(LANGUAGES):
        texts = read_area(language, area)
        for key, pair in messages.items():
            old = texts.get(key)
            if old is None:
                texts[key] = pair[index]
                print(f"{area} {language}: added {key}")
            elif old != pair[index] and not prefer_po:
                texts[key] = pair[index]
                print(f"{area} {language}: changed {key}: {old!r} -> {pair[index]!r}")
        write_area(language, area, texts)


def main() -> int:
    """Convert every ``collab_app/i18n/messages/*.py`` file; see the module docstring.

    Returns:
        The exit status.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", action="store_true", help="keep the .py files")
    parser.add_argument("--prefer-po", action="store_true", help="on a conflict keep the .po")
    parser.add_argument("--dump", type=Path, help="save the old messages as JSON here")
    args = parser.parse_args()

    sources = sorted(p for p in MESSAGES_DIR.glob("*.py") if p.name != "__init__.py")
    if not sources:
        print("no collab_app/i18n/messages/*.py left: nothing to convert")
        return 0
    old: dict[str, dict[str, tuple[str, str]]] = {p.stem: load_py(p) for p in sources}
    seen: dict[str, str] = {}
    for area, messages in old.items():
        for key in messages:
            if key in seen:
                raise SystemExit(f"message key defined twice: {key} ({seen[key]}, {area})")
            seen[key] = area
    if args.dump:
        args.dump.write_text(json.dumps(old, ensure_ascii=False, indent=1), encoding="utf-8")

    for area, messages in old.items():
        merge(area, messages, args.prefer_po)

    for area, messages in old.items():
        for index, language in enumerate(LANGUAGES):
            texts = read_area(language, area)
            for key, pair in messages.items():
                if texts.get(key) != pair[index] and not args.prefer_po:
                    raise SystemExit(f"{area} {language}: {key} does not round-trip")
    print(f"converted {len(sources)} areas, {len(seen)} keys; round-trip checked")

    if not args.keep:
        for path in sources:
            path.unlink()
        if {p.name for p in MESSAGES_DIR.iterdir()} <= {"__init__.py", "__pycache__"}:
            shutil.rmtree(MESSAGES_DIR)
        print("deleted the .py files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
