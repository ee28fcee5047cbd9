"""The socket.io test client builds the router data a browser would send."""

import asyncio
import json

from testkit.reflex_ws import ReflexWsClient, Update, router_data


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


def _frame(value: int) -> str:
    return json.dumps({"delta": {"a.b____board_state": {"x_rx_state_": value}}, "events": []})


async def _arrive(client: ReflexWsClient, *values: int) -> None:
    for value in values:
        await client._on_update(_frame(value))


def _client(*, keep_history: bool) -> ReflexWsClient:
    client = ReflexWsClient("http://127.0.0.1:1", keep_history=keep_history)
    client._arrived = asyncio.Condition()
    return client


def test_a_tab_keeps_every_update_by_default():
    async def scenario() -> None:
        client = _client(keep_history=True)
        await _arrive(client, 1, 2)
        with client._reading() as start:
            await _arrive(client, 3)
            assert [u.value("board_state", "x") for u in client._since(start)] == [3]
        assert [u.value("board_state", "x") for u in client.updates] == [1, 2, 3]
        assert len(client.raw_frames) == client.received == 3

    asyncio.run(scenario())


def test_a_load_tab_keeps_updates_only_while_a_call_reads_them():
    async def scenario() -> None:
        client = _client(keep_history=False)
        await _arrive(client, 1, 2)
        assert client.updates == [] and client.raw_frames == []
        # Its view of the page still follows every update.
        assert client.var("board_state", "x") == 2
        with client._reading() as outer:
            await _arrive(client, 3)
            with client._reading() as inner:
                await _arrive(client, 4)
                assert [u.value("board_state", "x") for u in client._since(inner)] == [4]
            # The inner wait ended; the outer one still sees what arrived since it began.
            assert [u.value("board_state", "x") for u in client._since(outer)] == [3, 4]
        assert client.updates == [] and client.raw_frames == []
        await _arrive(client, 5)
        assert client.received == 5 and client.updates == []
        assert client.bytes_received == sum(len(_frame(v)) for v in range(1, 6))

    asyncio.run(scenario())
