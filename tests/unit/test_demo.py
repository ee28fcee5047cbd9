from sqlmodel import select

from collab_app.demo import DEMO_PASSWORD, DEMO_USERS
from collab_app.demo.__main__ import main
from collab_app.models import Project, User
from collab_app.services import auth, projects


def test_demo_cli_seeds_refuses_non_empty_and_resets(use_test_db, session, capsys):
    assert main([]) == 0
    assert "alice@atelier-nord.example" in capsys.readouterr().out
    assert main([]) == 2
    assert "--reset" in capsys.readouterr().err
    assert main(["--reset"]) == 0
    assert len(session.exec(select(User)).all()) == len(DEMO_USERS)
    assert len(session.exec(select(Project)).all()) == 2


def test_demo_logins_and_roles(use_test_db, session):
    assert main([]) == 0
    seen = {}
    for key, (email, _, _) in DEMO_USERS.items():
        user, _ = auth.sign_in(session, email=email, password=DEMO_PASSWORD, client_key="test")
        viewer = auth.viewer_for(user)
        seen[key] = {p.name: p.role for p in projects.list_projects(session, viewer)}
    assert seen["alice"] == {
        "Atelier Nord brand refresh": "manager",
        "Boulangerie Dupont website": "manager",
    }
    assert seen["bruno"] == {
        "Atelier Nord brand refresh": "manager",
        "Boulangerie Dupont website": "member",
    }
    assert seen["chloe"] == {"Boulangerie Dupont website": "guest"}
    assert seen["david"] == {"Boulangerie Dupont website": "client"}
