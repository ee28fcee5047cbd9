"""Working days, response deadlines and response times."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collab_app.services.working_days import (
    add_working_days,
    response_deadline,
    working_days_between,
    working_days_taken,
)

WED = date(2026, 3, 11)
FRI = date(2026, 3, 13)
SAT = date(2026, 3, 14)
MON = date(2026, 3, 16)


def test_calendar_assumptions():
    assert (WED.weekday(), FRI.weekday(), SAT.weekday(), MON.weekday()) == (2, 4, 5, 0)


@pytest.mark.parametrize(
    "start,days,expected",
    [
        (WED, 0, WED),
        (WED, 1, date(2026, 3, 12)),
        (WED, 3, MON),
        (FRI, 1, MON),
        (SAT, 1, MON),
        (SAT, 0, SAT),
        (WED, 5, date(2026, 3, 18)),
        (WED, 10, date(2026, 3, 25)),
    ],
)
def test_add_working_days_skips_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


def test_add_working_days_skips_holidays():
    assert add_working_days(FRI, 1, {MON}) == date(2026, 3, 17)
    # A holiday on a weekend changes nothing.
    assert add_working_days(FRI, 1, {SAT}) == MON


def test_add_working_days_refuses_absurd_values():
    with pytest.raises(ValueError):
        add_working_days(WED, -1)
    with pytest.raises(ValueError):
        add_working_days(WED, 10_000)


@pytest.mark.parametrize(
    "start,end,expected",
    [
        (WED, WED, 0),
        (FRI, MON, 1),
        (FRI, SAT, 0),
        (SAT, MON, 1),
        (WED, date(2026, 3, 18), 5),
        (MON, date(2026, 3, 20), 4),
        (MON, date(2026, 3, 18), 2),
        (FRI, WED, 0),
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end) == expected


def test_working_days_between_subtracts_weekday_holidays_in_range_only():
    assert working_days_between(FRI, date(2026, 3, 18), {MON}) == 2
    assert working_days_between(FRI, date(2026, 3, 18), {SAT, date(2026, 3, 19), FRI}) == 3


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    span=st.integers(min_value=-10, max_value=120),
    holidays=st.sets(st.integers(min_value=0, max_value=120), max_size=8),
)
def test_working_days_between_matches_counting_day_by_day(start, span, holidays):
    end = start + timedelta(days=span)
    days_off = {start + timedelta(days=h) for h in holidays}
    brute = sum(
        1
        for offset in range(1, max(span, 0) + 1)
        if (d := start + timedelta(days=offset)).weekday() < 5 and d not in days_off
    )
    assert working_days_between(start, end, days_off) == brute


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=40),
)
def test_add_then_count_gives_back_the_days(start, days):
    assert working_days_between(start, add_working_days(start, days)) == days


def test_deadline_is_the_start_of_the_day_after_the_last_allowed_day_in_paris():
    submitted = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)  # Wed 10:00 in Paris (UTC+1)
    deadline = response_deadline(submitted, 3, "Europe/Paris")
    # Thu, Fri, Mon -> late from Tue 17 Mar 00:00 Paris time.
    assert deadline == datetime(2026, 3, 16, 23, 0, tzinfo=UTC)
    assert deadline.tzinfo is not None


def test_deadline_across_the_summer_time_change():
    submitted = datetime(2026, 3, 26, 15, 0, tzinfo=UTC)  # Thu; clocks move on Sun 29 Mar
    # Fri 27, Mon 30, Tue 31 -> late from Wed 1 Apr 00:00 CEST = 31 Mar 22:00 UTC.
    assert response_deadline(submitted, 3, "Europe/Paris") == datetime(
        2026, 3, 31, 22, 0, tzinfo=UTC
    )


def test_local_day_decides_not_the_utc_day():
    # Fri 13 Mar 23:30 in Paris is still Friday there (22:30 UTC).
    submitted = datetime(2026, 3, 13, 22, 30, tzinfo=UTC)
    answered = datetime(2026, 3, 16, 8, 0, tzinfo=UTC)
    assert working_days_taken(submitted, answered, "Europe/Paris") == 1
    # The same instant is Saturday in Tokyo: Monday is then the first working day too.
    assert working_days_taken(submitted, answered, "Asia/Tokyo") == 1
    # In Tokyo the deadline of 0 days is the end of that Saturday.
    assert response_deadline(submitted, 0, "Asia/Tokyo") == datetime(2026, 3, 14, 15, 0, tzinfo=UTC)


def test_unknown_zone_falls_back_to_utc():
    submitted = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
    assert response_deadline(submitted, 1, "Nowhere/Land") == datetime(
        2026, 3, 13, 0, 0, tzinfo=UTC
    )
