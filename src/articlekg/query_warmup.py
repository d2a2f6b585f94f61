"""Imported once by the query workers' forkserver (see :data:`articlekg.serve_pool.PRELOAD`).

A worker forked from a warm forkserver answers its first query at once: it inherits the
SPARQL grammar that the safety check builds on first use (a tenth of a second or more),
instead of building it again in every new worker, including each one that replaces a
worker stopped for its client's leaving. No store is opened here: that would start
Oxigraph's threads in a process that then forks.
"""

from __future__ import annotations

from articlekg.results import AskResult, render
from articlekg.safety import check_query

check_query("ASK { ?s ?p ?o }", set())
render(AskResult(True), "json")
