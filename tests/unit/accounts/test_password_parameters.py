"""Production password hashing is strong, even though the other tests hash cheaply.

``tests/conftest.py`` swaps in cheap argon2 parameters for speed; this test puts the production
context back and checks what ``hash_password`` really produces in production.
"""

import re

import pytest

from collab_app.services.accounts import passwords
from testkit.db import (
    PRODUCTION_DUMMY_HASH,
    PRODUCTION_PASSWORD_CONTEXT,
    TEST_PASSWORD_CONTEXT,
)


def _parameters(encoded: str) -> dict[str, int]:
    match = re.match(r"^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$", encoded)
    assert match, encoded
    memory, rounds, lanes = (int(x) for x in match.groups())
    return {"memory_kib": memory, "rounds": rounds, "parallelism": lanes}


def test_production_hashes_use_strong_argon2id_parameters(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(passwords, "_context", PRODUCTION_PASSWORD_CONTEXT)
    encoded = passwords.hash_password("correct-horse-battery")
    params = _parameters(encoded)
    # OWASP: argon2id with at least 19 MiB and 2 passes; production uses 64 MiB and 3.
    assert params["memory_kib"] >= 65536
    assert params["rounds"] >= 3
    assert passwords.verify_password("correct-horse-battery", encoded) == (True, None)
    # The dummy hash checked for unknown emails costs the same as a real one.
    assert _parameters(PRODUCTION_DUMMY_HASH) == params


def test_cheap_test_parameters_are_upgraded_to_production_ones(monkeypatch: pytest.MonkeyPatch):
    cheap = TEST_PASSWORD_CONTEXT.hash("correct-horse-battery")
    assert _parameters(cheap)["memory_kib"] < 65536
    monkeypatch.setattr(passwords, "_context", PRODUCTION_PASSWORD_CONTEXT)
    ok, upgraded = passwords.verify_password("correct-horse-battery", cheap)
    assert ok
    assert upgraded is not None
    assert _parameters(upgraded)["memory_kib"] >= 65536
