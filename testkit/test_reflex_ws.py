"""The socket.io test client builds the router data a browser would send."""

from testkit.reflex_ws import Update, router_data


def test_route_arguments_go_into_the_query_like_react_router_params():
    data = router_data("/projects/12/tasks/34?tab=history")
    assert data["pathname"] == "/projects/12/tasks/34"
    assert data["asPath"] == "/projects/12/tasks/34?tab=history"
    assert data["query"] == {"tab": "history", "project_id": "12", "task_id": "34"}


def test_static_pages_have_no_query():
    assert router_data("/my-tasks") == {"pathname": "/my-tasks", "asPath": "/my-tasks"}


def test_update_values_are_found_by_the_state_short_name_only_at_a_name_boundary():
    update = Update(
        delta={
            "a.b____dashboard_state": {"x_rx_state_": 2},
            "a.b____board_state": {"x_rx_state_": 1},
        },
        events=[],
        received_at=0.0,
        size=0,
    )
    assert update.value("board_state", "x") == 1
    assert update.value("dashboard_state", "x_rx_state_") == 2
    assert update.value("other_state", "x") is None
