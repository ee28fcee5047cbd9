"""Role strings are compared in one place only: ``collab_app/services/permissions``.

Everywhere else asks the policy (``permissions.TEAM_ROLES``, ``permissions.is_collective_admin``,
``ProjectAccess.abilities``, ``PageState.abilities`` in pages...). This test reads the source of
``collab_app`` and lists every line that still decides something from a literal role name:

- a comparison with a role literal: ``role == "client"``, ``"manager" != role``,
  ``"manager" in roles``;
- a tuple or list made only of role literals: ``in ("owner", "admin")``,
  ``roles=("manager",)``, ``LOG_ROLES = ("manager", "member", "guest")``;
- a role literal given as a role: ``role="manager"``, ``as_role="client"``.

Honest exceptions, each narrow:

- ``"client"`` is also the visibility of a comment or a file shared with the client: a
  comparison on a line naming a ``visibility`` is about that column, not a role (the policy
  names the value ``permissions.CLIENT_VISIBILITY`` for other lines);
- the demo seeds data: its tuples and ``role=`` arguments create memberships and labels, they
  decide nothing (comparisons are still refused there);
- models (the column's doc), messages (the role names' translations) and comments.
"""

from __future__ import annotations

import re
from pathlib import Path

APP = Path(__file__).resolve().parents[3] / "collab_app"
ROLE = r'"(?:owner|admin|member|manager|guest|client)"'

# Directories and files that may spell roles freely.
EXCLUDED = ("services/permissions/", "models/", "i18n/messages/", "migrations/")
# Seeding creates rows with roles; it may build them from literals, never compare them.
DATA_ONLY = ("demo/",)

COMPARISON = re.compile(
    rf"(?:[=!]=\s*{ROLE})|(?:{ROLE}\s*(?:[=!]=|\bnot\s+in\b|\bin\b))",
)
ROLE_TUPLE = re.compile(rf"[\(\[]\s*{ROLE}(?:\s*,\s*{ROLE})*\s*,?\s*[\)\]]")
ROLE_ARGUMENT = re.compile(rf"\b(?:as_)?role\s*=\s*{ROLE}")

# Files of the four areas whose helpers were told not to touch role logic during the
# restructure (issue #14): their role strings are replaced at merge by the lead from the
# "file:line -> replacement" list of the perms report. The lead EMPTIES this tuple then; it
# must stay empty afterwards. Nothing else may be added here.
PENDING_AREAS: tuple[str, ...] = ()


def _offences(relative: str, line: str) -> list[str]:
    code = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
    if not code.strip():
        return []
    found = []
    if COMPARISON.search(code) and "visibility" not in code:
        found.append("compares a role string")
    if not relative.startswith(DATA_ONLY):
        if ROLE_TUPLE.search(code):
            found.append("spells a role tuple")
        if ROLE_ARGUMENT.search(code):
            found.append("passes a role literal")
    return found


def _violations(pending: tuple[str, ...]) -> list[str]:
    lines = []
    for path in sorted(APP.rglob("*.py")):
        relative = path.relative_to(APP).as_posix()
        if relative.startswith(EXCLUDED) or relative.startswith(pending):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            lines.extend(
                f"collab_app/{relative}:{number}: {why}: {line.strip()}"
                for why in _offences(relative, line)
            )
    return lines


def test_no_role_string_is_compared_outside_the_policy():
    violations = _violations(PENDING_AREAS)
    assert not violations, "use collab_app.services.permissions instead:\n" + "\n".join(violations)


def test_every_pending_area_still_has_role_strings_to_replace():
    """An entry of ``PENDING_AREAS`` that has nothing left to replace must go."""
    for area in PENDING_AREAS:
        others = tuple(a for a in PENDING_AREAS if a != area)
        still = [v for v in _violations(others) if v.startswith(f"collab_app/{area}")]
        assert still, f"{area} has no role string left: remove it from PENDING_AREAS"


def test_the_patterns_catch_what_they_must():
    assert _offences("pages/x.py", 'rx.cond(S.role == "client", a, b)')
    assert _offences("state/x.py", 'if role in ("owner", "admin"):')
    assert _offences("services/x.py", 'roles=("manager",)')
    assert _offences("services/x.py", 'if "manager" in roles:')
    assert _offences("services/x.py", 'ProjectMember(project_id=1, role="manager")')
    assert _offences("components/x.py", 'TEAM = rx.Var.create(["manager", "member"])')
    assert _offences("demo/x.py", 'if member.role == "client":')
    assert not _offences("demo/x.py", '("david", "client"), ("client",)')
    assert not _offences("services/x.py", 'select(Comment).where(Comment.visibility == "client")')
    assert not _offences("services/x.py", 'role="manager"  # noqa'.replace("role", "# role"))
    assert not _offences("services/x.py", 'VISIBILITIES = ("internal", "client")')
