from sqlmodel import select

from collab_app.demo import DEMO_PASSWORD, DEMO_USERS
from collab_app.demo.__main__ import main
from collab_app.models import OutboxMessage, Project, User
from collab_app.services import projects
from collab_app.services.accounts import auth


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


def test_demo_links_follow_the_port_of_the_app(use_test_db, session, capsys, monkeypatch):
    monkeypatch.delenv("APP_ORIGIN", raising=False)
    monkeypatch.setenv("PORT", "3000")
    assert main(["--reset", "--port", "8123"]) == 0
    assert "http://localhost:8123" in capsys.readouterr().out
    links = [m.link for m in session.exec(select(OutboxMessage)).all() if m.link]
    assert links and all(link.startswith("http://localhost:8123/") for link in links)
    # The running app's own setting wins, as in the app.
    monkeypatch.setenv("APP_ORIGIN", "https://collab.example.org")
    assert main(["--reset", "--port", "8123"]) == 0
    session.expire_all()
    links = [m.link for m in session.exec(select(OutboxMessage)).all() if m.link]
    assert links and all(link.startswith("https://collab.example.org/") for link in links)
