"""Writing parsed graphs into the embedded store, and keeping its merged default graph.

Oxigraph's union default graph is a bag: a triple held by k article graphs matches k
times in every pattern, so a query joining p patterns over concepts that articles share
makes up to k^p rows before DISTINCT (a corpus of 100 articles did not answer in 60 s).
So the store keeps the RDF merge of all its named graphs, each triple once, in its own
default graph, and queries without FROM read that (see :func:`has_merged_default`). It
doubles the index entries, not the answers.

The merge is kept at every load: triples that only the replaced graphs held leave it,
the new graphs' triples enter it. Stores written before it existed get it on their next
load (:func:`merge_missing`); until then queries fall back to Oxigraph's union.

Two ways to write, both after every input has been checked (the caller, ``store.load``,
chooses by size):

- up to :data:`ATOMIC_LIMIT` triples, one SPARQL update (:func:`replace_graphs`), which
  Oxigraph runs as one transaction: the swap is all or nothing, and a reader sees the old
  or the new article;
- above it, Oxigraph's bulk loader (:func:`replace_streamed`; several times faster and a
  store several times smaller, but not transactional). The replaced graphs are dropped in
  one transaction, then the new ones streamed in; if the bulk write fails (a full disk),
  the message says so and loading the same files again repairs it, since a load replaces
  what the graphs held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from articlekg.errors import ArticleKGError, StoreError

ATOMIC_LIMIT = 50_000
"""Up to this many triples a load is one transaction; beyond it, the bulk loader."""


class PartialWriteError(Exception):
    """The bulk write failed after the replaced graphs were dropped."""


def has_merged_default(store: ox.Store) -> bool:
    """Whether the store's default graph holds the merge (so queries read it, not the bag)."""
    first = next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
    return first is not None


def _values(names: Sequence[str]) -> str:
    return " ".join(f"<{name}>" for name in names)


def _retire_update(replaced: Sequence[str]) -> str:
    """Remove from the merge what only the replaced graphs hold, then drop them."""
    if not replaced:
        return ""
    values = _values(replaced)
    unmerge = (
        "DELETE { ?s ?p ?o } WHERE {\n"
        f"  VALUES ?replaced {{ {values} }}\n"
        "  GRAPH ?replaced { ?s ?p ?o }\n"
        "  FILTER NOT EXISTS {\n"
        "    GRAPH ?other { ?s ?p ?o }\n"
        f"    FILTER (?other NOT IN ({', '.join(f'<{n}>' for n in replaced)}))\n"
        "  }\n"
        "}"
    )
    drops = " ;\n".join(f"DROP SILENT GRAPH <{name}>" for name in replaced)
    return f"{unmerge} ;\n{drops}"


def _ntriples(triples: Sequence[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""


def _serialised(graphs: Mapping[str, Sequence[ox.Triple]]) -> dict[str, bytes]:
    # Oxigraph serialises: much cheaper than building strings in Python.
    return {name: _ntriples(triples) for name, triples in graphs.items()}


def _insert_data(lines: Mapping[str, bytes]) -> str:
    """Every graph's triples, then the same triples without a graph (the merge), as one
    INSERT DATA: one operation, so a blank node is one node in its graph and the merge."""
    named = [f"GRAPH <{name}> {{\n{text.decode()}}}\n" for name, text in lines.items()]
    merged = [text.decode() for text in lines.values()]
    return "INSERT DATA {\n" + "".join(named) + "".join(merged) + "}"


def merge_missing(store: ox.Store, incoming: Sequence[str]) -> None:
    """Give a store written before the merge existed its merged default graph."""
    if has_merged_default(store):
        return
    others = [
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value not in set(incoming)
    ]
    if others:
        store.update(
            f"INSERT {{ ?s ?p ?o }} WHERE {{ VALUES ?g {{ {_values(others)} }} "
            "GRAPH ?g { ?s ?p ?o } }"
        )


def _check_names(names: Iterable[str]) -> None:
    for name in names:
        # Names go into SPARQL and N-Quads text: only a valid IRI, so none can leave its <>.
        try:
            ox.NamedNode(name)
        except ValueError as error:
            raise StoreError(f"<{name}> cannot name a graph: {error}") from None


def _replaced(store: ox.Store, names: Iterable[str]) -> list[str]:
    existing = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    return sorted(name for name in names if name in existing)


def replace_graphs(store: ox.Store, graphs: Mapping[str, Sequence[ox.Triple]]) -> None:
    """Make each named graph hold exactly its triples, and keep the merge in step, in one
    transaction.

    Raises what Oxigraph raises (``OSError``, ``SyntaxError``, ``ValueError``) when the
    store refuses the write.
    """
    if not graphs:
        return
    _check_names(graphs)
    merge_missing(store, list(graphs))
    retire = _retire_update(_replaced(store, graphs))
    insert = _insert_data(_serialised(graphs))
    store.update(f"{retire} ;\n{insert}" if retire else insert)


def replace_streamed(store: ox.Store, names: Sequence[str], quads: Iterable[ox.Quad]) -> None:
    """The same for a load too large to hold: ``quads`` are the named graphs' quads, each
    followed by its triple in the default graph (the merge), read from the files as the
    bulk loader takes them.

    The replaced graphs are dropped in one transaction first; if the bulk write then fails
    (a full disk, a file changed since it was checked), :class:`PartialWriteError`.
    """
    _check_names(names)
    merge_missing(store, names)
    retire = _retire_update(_replaced(store, names))
    if retire:
        store.update(retire)
    try:
        store.bulk_extend(quads)
    except (OSError, SyntaxError, ValueError, ArticleKGError) as error:
        raise PartialWriteError(str(error)) from error
