"""Fault injection: retries recover from transient failures; the bot wall and hard errors stop the
run with a clear message."""

from __future__ import annotations

import pytest

from small_forum import POST_PLAIN, SHARED
from vaultkit.errors import GraphQLError, NotFoundError, RateLimitedError, TransportError
from vaultkit.fetch.forum import open_client
from vaultkit.fetch.graphql import GraphQLClient, Operations


@pytest.fixture
def fast_client(standin):
    with open_client(endpoint=standin.url, retries=3, backoff=0.01) as client:
        yield client


@pytest.mark.parametrize("fault", ["fail_next_n", "truncate_next_n", "garble_next_n", "throttle_next_n"])
def test_transient_failures_are_retried(standin, fast_client, fault):
    setattr(standin.faults, fault, 2)
    assert fast_client.post(POST_PLAIN)["_id"] == POST_PLAIN
    assert standin.request_count == 3
    assert fast_client.request_count == 3


@pytest.mark.parametrize("status", [502, 503, 504])
def test_each_gateway_status_is_retried(standin, fast_client, status):
    standin.faults.fail_status = status
    standin.faults.fail_next_n = 1
    assert len(fast_client.posts_by_ids(SHARED)) == len(SHARED)
    assert standin.request_count == 2


def test_retry_after_is_honoured(standin, fast_client):
    import time
    standin.faults.throttle_next_n = 1
    standin.faults.retry_after = 1
    started = time.monotonic()
    fast_client.post(POST_PLAIN)
    assert time.monotonic() - started >= 1.0


def test_persistent_failure_gives_up_with_transport_error(standin, fast_client):
    standin.faults.fail_next_n = 100
    with pytest.raises(TransportError, match="HTTP 502") as caught:
        fast_client.post(POST_PLAIN)
    assert standin.request_count == 4                    # 1 + 3 retries, then stop
    assert "run the command again" in caught.value.hint


def test_bot_wall_stops_at_once_with_a_clear_message(standin, fast_client):
    standin.faults.bot_wall = True
    standin.faults.retry_after = 600
    with pytest.raises(RateLimitedError) as caught:
        fast_client.posts_by_ids([POST_PLAIN])
    error = caught.value
    assert standin.request_count == 1                    # never hammered
    assert "rate-limiting" in error.message and "Security Checkpoint" in error.message
    assert "600 s" in error.hint and "resume" in error.hint and "--delay" in error.hint


def test_bot_wall_with_403(standin, fast_client):
    standin.faults.bot_wall = True
    standin.faults.bot_wall_status = 403
    with pytest.raises(RateLimitedError):
        fast_client.post(POST_PLAIN)


def test_missing_document_is_not_found(fast_client):
    with pytest.raises(NotFoundError, match="post noSuchPost2345678 does not exist"):
        fast_client.post("noSuchPost2345678")


def test_validation_error_names_the_operation(standin):
    operations = Operations("query BrokenQuery { posts(selector: {new: {limit: 3}}) { results { _id } } }")
    with open_client(endpoint=standin.url) as client:
        graphql = GraphQLClient(client.graphql.transport, operations=operations)
        with pytest.raises(GraphQLError, match="BrokenQuery.*GRAPHQL_VALIDATION_FAILED") as caught:
            graphql.run("BrokenQuery", {})
    assert caught.value.operation == "BrokenQuery"
    assert caught.value.code == "GRAPHQL_VALIDATION_FAILED"


def test_resolver_error_is_surfaced_with_the_operation(standin):
    operations = Operations("query DeepPage { posts(selector: {old: {}}, limit: 1, offset: 5000) { results { _id } } }")
    with open_client(endpoint=standin.url) as client:
        graphql = GraphQLClient(client.graphql.transport, operations=operations)
        with pytest.raises(GraphQLError, match="DeepPage.*Exceeded maximum value for skip"):
            graphql.run("DeepPage", {})


def test_wrong_endpoint_path_is_a_transport_error(standin):
    with open_client(endpoint=standin.url.replace("/graphql", "/nothing"), retries=0) as client:
        with pytest.raises(TransportError, match="404"):
            client.post(POST_PLAIN)


def test_unreachable_server_is_a_transport_error(standin):
    url = standin.url
    standin.stop()
    with open_client(endpoint=url, retries=1, backoff=0.01) as client:
        with pytest.raises(TransportError, match="could not be reached"):
            client.post(POST_PLAIN)


def test_slow_server_within_the_timeout_still_answers(standin, fast_client):
    standin.faults.slow_seconds = 0.3
    assert fast_client.post(POST_PLAIN)["_id"] == POST_PLAIN


def test_read_timeouts_are_retried_then_reported(standin):
    standin.faults.slow_seconds = 0.5
    with open_client(endpoint=standin.url, retries=2, backoff=0.01, timeout=(1, 0.1)) as client:
        with pytest.raises(TransportError, match="Timeout"):
            client.post(POST_PLAIN)
        assert client.request_count == 3
