"""What the foundation's demo creates, handed to each area's seeder."""

from __future__ import annotations

from dataclasses import dataclass

from collab_app.models import Collective, Project
from collab_app.services.viewer import Viewer


@dataclass
class DemoWorld:
    """What the foundation's demo creates, for the areas that add to it.

    ``project`` is the client project, "Boulangerie Dupont website"; ``users`` are the demo
    people by key, all on that project: ``alice`` (manager), ``bruno`` (member), ``chloe``
    (guest), ``david`` (client).
    """

    collective: Collective
    project: Project
    internal_project: Project
    users: dict[str, Viewer]
