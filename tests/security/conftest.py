"""Security browser tests: the e2e harness (same server, same browser) plus shared fixtures.

Fixtures added here:
    planted (session): uniquely marked secrets written through the services into the served
        app's database, with the roles allowed to see each one, candidate ids for every route
        argument, the public tokens to try, and a session cookie per role
        (see ``tests/security/planted.py``).
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import *  # noqa: F403
from tests.e2e.conftest import AppServer
from tests.security.planted import Planted, plant


@pytest.fixture(scope="session")
def planted(app_server: AppServer) -> Planted:
    """The run's secrets, planted once in the served app's database."""
    return plant(app_server.database_url)
