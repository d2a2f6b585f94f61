"""Pushing to a Graph Store Protocol endpoint: a recording server started by the test."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from articlekg.errors import InputError, RemoteError
from articlekg.push import push
from articlekg.store import ONTOLOGY_GRAPH
from sparql_servers import DATA, free_port

ALPHA = "https://w3id.org/articlekg/id/graph/alpha"
BETA = "https://w3id.org/articlekg/id/graph/beta"
SECRET = "s3cr3t-Pa55"


@dataclass
class Recorder:
    url: str
    puts: list[tuple[str, str, bytes]] = field(default_factory=list)
    """(graph, content type, body) of each accepted PUT."""
    status: int = 201
    user: str | None = None
    password: str | None = None
    auth_headers: list[str | None] = field(default_factory=list)
    redirect_to: str | None = None
    heads: int = 0


def make_handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            recorder.heads += 1
            # Like Virtuoso: challenge before any body is sent.
            self.send_response(401 if recorder.user is not None else 404)
            if recorder.user is not None:
                self.send_header("WWW-Authenticate", 'Basic realm="graphs"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_PUT(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            authorization = self.headers.get("Authorization")
            recorder.auth_headers.append(authorization)
            if recorder.redirect_to:
                self.send_response(307)
                self.send_header("Location", recorder.redirect_to)
                self.end_headers()
                return
            if recorder.user is not None:
                expected = base64.b64encode(
                    f"{recorder.user}:{recorder.password}".encode()
                ).decode()
                if authorization != f"Basic {expected}":
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="graphs"')
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            graph = parse_qs(urlsplit(self.path).query)["graph"][0]
            if recorder.status >= 400:
                decoded = base64.b64decode((authorization or "Basic ").split()[1]).decode()
                message = f"no such dataset (you sent {authorization} = {decoded})".encode()
                self.send_response(recorder.status)
                self.send_header("Content-Length", str(len(message)))
                self.end_headers()
                self.wfile.write(message)
                return
            recorder.puts.append((graph, self.headers["Content-Type"], body))
            self.send_response(recorder.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = server.server_address[1]
    rec = Recorder(url=f"http://127.0.0.1:{port}/store")
    server.RequestHandlerClass = make_handler(rec)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield rec
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_one_put_per_graph_with_the_graphs_triples(recorder: Recorder) -> None:
    pushed = push([DATA / "alpha.ttl", DATA / "beta.trig"], recorder.url)
    assert [p.name for p in pushed] == [ALPHA, BETA, ONTOLOGY_GRAPH]
    assert [p.status for p in pushed] == [201, 201, 201]
    assert [g for g, _, _ in recorder.puts] == [ALPHA, BETA, ONTOLOGY_GRAPH]
    sent = {g: Graph().parse(data=body.decode(), format="turtle") for g, _, body in recorder.puts}
    assert set(sent[ALPHA]) == set(Graph().parse(DATA / "alpha.ttl"))
    beta = Dataset().parse(DATA / "beta.trig").graph(BETA)  # type: ignore[arg-type]
    assert set(sent[BETA]) == set(beta)
    assert all(ctype.startswith("text/turtle") for _, ctype, _ in recorder.puts)
    assert recorder.auth_headers == [None, None, None]  # nothing asked, nothing sent


def test_without_the_ontology(recorder: Recorder) -> None:
    push([DATA / "alpha.ttl"], recorder.url, ontology=False)
    assert [g for g, _, _ in recorder.puts] == [ALPHA]


def test_credentials_go_when_asked_for(recorder: Recorder) -> None:
    recorder.user, recorder.password = "writer", SECRET
    pushed = push([DATA / "alpha.ttl"], recorder.url, user="writer", password=SECRET)
    assert len(pushed) == 2 and len(recorder.puts) == 2
    # The challenge came from a bodiless HEAD, so every PUT carried the answer.
    assert recorder.heads == 1
    token = base64.b64encode(f"writer:{SECRET}".encode()).decode()
    assert recorder.auth_headers == [f"Basic {token}"] * 2


def test_wrong_credentials_give_a_clear_message_without_the_secret(recorder: Recorder) -> None:
    recorder.user, recorder.password = "writer", "other"
    with pytest.raises(RemoteError) as caught:
        push([DATA / "alpha.ttl"], recorder.url, user="writer", password=SECRET)
    assert "HTTP 401" in caught.value.message and "--user" in caught.value.message
    assert SECRET not in caught.value.message
    assert recorder.puts == []


def test_an_error_body_echoing_the_secret_is_scrubbed(recorder: Recorder) -> None:
    recorder.user, recorder.password, recorder.status = "writer", SECRET, 404
    basic = base64.b64encode(f"writer:{SECRET}".encode()).decode()
    with pytest.raises(RemoteError) as caught:
        push([DATA / "alpha.ttl"], recorder.url, user="writer", password=SECRET)
    message = caught.value.message
    assert "HTTP 404" in message and "no Graph Store at that URL" in message
    assert recorder.auth_headers == [f"Basic {basic}"]  # the server did get them
    assert "you sent" in message  # its echo is in the message, but
    assert SECRET not in message and basic not in message  # not the secret, in any form


def test_redirects_are_not_followed(recorder: Recorder) -> None:
    recorder.redirect_to = f"http://127.0.0.1:{free_port()}/elsewhere"
    with pytest.raises(RemoteError, match=r"HTTP 307.*redirected to"):
        push([DATA / "alpha.ttl"], recorder.url)
    assert len(recorder.auth_headers) == 1


def test_an_unreachable_endpoint(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(RemoteError, match=f"cannot reach {url}"):
        push([DATA / "alpha.ttl"], url, timeout=5)


def test_bad_endpoints_and_files_fail_before_anything_is_sent(
    recorder: Recorder, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="no credentials in the endpoint URL"):
        push([DATA / "alpha.ttl"], f"http://writer:{SECRET}@127.0.0.1:1/store")
    with pytest.raises(InputError, match="http"):
        push([DATA / "alpha.ttl"], "file:///tmp/store")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<https://example.org/a> <https://example.org/b> .\n")
    with pytest.raises(InputError, match=r"broken\.ttl: line 1"):
        push([DATA / "alpha.ttl", broken], recorder.url)
    assert recorder.puts == []


def test_cli_reads_the_password_from_the_environment_and_never_prints_it(
    recorder: Recorder,
) -> None:
    from articlekg.cli import main

    recorder.user, recorder.password = "writer", SECRET
    runner = CliRunner()
    args = ["push", str(DATA / "alpha.ttl"), "--endpoint", recorder.url, "--user", "writer"]
    ok = runner.invoke(main, [*args, "--password-env", "AKG_TEST_PW"], env={"AKG_TEST_PW": SECRET})
    assert ok.exit_code == 0, ok.output
    assert f"{ALPHA}: 25 triples" in ok.output and "(HTTP 201)" in ok.output
    assert SECRET not in ok.output
    missing = runner.invoke(main, [*args, "--password-env", "AKG_UNSET_PW"])
    assert missing.exit_code == 2
    assert "AKG_UNSET_PW is not set" in missing.output
    wrong = runner.invoke(
        main, [*args, "--password-env", "AKG_TEST_PW"], env={"AKG_TEST_PW": "nope-" + SECRET}
    )
    assert wrong.exit_code == 7
    assert "HTTP 401" in wrong.output and SECRET not in wrong.output
