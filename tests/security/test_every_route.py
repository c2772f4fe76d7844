"""No input breaks a page: every route, every method, each role, hostile values everywhere.

A 5xx, or an exception (the test app re-raises them), fails the test and names the route and
the value. The hand-picked values run every time; hypothesis adds generated ones, bounded so the
whole file stays near a minute on a small machine, and derandomized so CI is reproducible.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security.conftest import ROLES
from tests.security.hostile import BODY_KINDS, HOSTS, KNOWN_BAD, sweep_request

# Two per route, to stay quick: ids past the range, and NUL with a line break. Odd digits ("²")
# and the rest of KNOWN_BAD come through the generated test and the files beside this one.
EVERY_ROUTE_VALUES = ("99999999999999999999", "a\x00b\nc")


def _send(sweeper, role, route, value, *, path_value, body="form", host=None):
    client, csrf = sweeper.client(role)
    try:
        response = sweep_request(
            client,
            route,
            value,
            real_ids=sweeper.world,
            field_names=sweeper.field_names,
            csrf=csrf,
            path_value=path_value,
            body=body,
            host=host,
        )
    finally:
        sweeper.after(role, route)
    return response.status_code


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "signed_out")
def test_no_route_answers_5xx_to_known_bad_values(sweeper, world, role):
    sweeper.world = world
    failures = []
    for route in sweeper.routes:
        cases = [(value, False) for value in EVERY_ROUTE_VALUES]
        if "<" in route.rule:
            # Past the integer range for an id, and not a token anyone was given for the rest.
            cases.append(("2147483648", True))
        for value, path_value in cases:
            try:
                status = _send(sweeper, role, route, value, path_value=path_value)
            except Exception as error:
                failures.append(f"{route} {value!r} path={path_value}: {error!r}"[:400])
                continue
            if status >= 500:
                failures.append(f"{route} {value!r} path={path_value}: {status}")
    assert not failures, "\n".join(failures)


hostile_text = st.one_of(
    st.sampled_from(KNOWN_BAD),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x9F), min_size=1, max_size=20),
)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_no_route_answers_5xx_to_generated_values(sweeper, world, data):
    sweeper.world = world
    route = data.draw(st.sampled_from(sweeper.routes), label="route")
    role = data.draw(st.sampled_from(ROLES), label="role")
    value = data.draw(hostile_text, label="value")
    path_value = data.draw(st.booleans(), label="value in the path")
    body = data.draw(st.sampled_from(BODY_KINDS), label="body")
    host = data.draw(st.sampled_from(HOSTS), label="Host header")
    status = _send(sweeper, role, route, value, path_value=path_value, body=body, host=host)
    assert status < 500, (route, role, value, body, host)
