"""The domain lexicon (``ontology/lexicon/*.ttl``): SKOS data the recogniser and the scorer rely on.

The recogniser matches every prefLabel, altLabel and abbreviation in article text, and the
competency-query scorer names an entity by any of its labels; so each label must belong to one
concept only, every concept needs one class to default to, and identifiers must be exact.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef

from articlekg.resources import lexicon_dir
from articlekg.vocab import AKG, CONCEPT

FILE_CATEGORY = {
    "interventions.ttl": "Intervention",
    "conditions.ttl": "Condition",
    "outcomes.ttl": "Outcome",
    "mechanisms.ttl": "Mechanism",
    "contexts.ttl": "Context",
    "study-designs.ttl": "StudyDesign",
    "organisations.ttl": "Organization",
    "periodicals.ttl": "Periodical",
}
CATEGORIES = {AKG[name] for name in FILE_CATEGORY.values()}
SCHEME = CONCEPT["lexicon"]
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MESH = re.compile(r"^D\d{6}(\d{3})?$")


def lexicon_files() -> list[Path]:
    return sorted(lexicon_dir().glob("*.ttl"))


@cache
def lexicon() -> Graph:
    graph = Graph()
    for path in lexicon_files():
        graph.parse(path, format="turtle")
    return graph


def concepts() -> list[URIRef]:
    graph = lexicon()
    return sorted(s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef))


def labels(concept: URIRef) -> list[Literal]:
    graph = lexicon()
    found = [*graph.objects(concept, SKOS.prefLabel), *graph.objects(concept, SKOS.altLabel)]
    return [label for label in found if isinstance(label, Literal)]


def singular(word: str) -> str:
    # Mirrors the regular plurals that the recogniser folds, so that "opioid" and "opioids"
    # on two concepts count as the same label.
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is", "ous")):
        return word
    return word[:-1]


def normalise(label: str) -> str:
    words = re.findall(r"[a-z0-9]+(?:['’][a-z]+)?|[&+%]", label.lower().replace("’", "'"))
    return " ".join(singular(word) for word in words)


def test_the_category_files_are_all_there() -> None:
    assert {path.name for path in lexicon_files()} >= set(FILE_CATEGORY)


@pytest.mark.parametrize("name", sorted(FILE_CATEGORY))
def test_each_file_parses_on_its_own_and_holds_only_its_category(name: str) -> None:
    path = lexicon_dir() / name
    # rdflib is lenient about IRIs and escapes; Oxigraph's parser is the strict check.
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    graph = Graph().parse(path, format="turtle")
    assert len(quads) == len(graph)
    subjects = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(subjects) >= 10, f"{name} holds only {len(subjects)} concepts"
    wrong = sorted(
        str(s)
        for s in subjects
        if set(graph.objects(s, AKG.category)) != {AKG[FILE_CATEGORY[name]]}
    )
    assert not wrong, f"{name}: concepts of another category: {wrong}"


def test_there_are_at_least_300_concepts() -> None:
    assert len(concepts()) >= 300


def test_every_concept_has_one_english_pref_label() -> None:
    bad = []
    for concept in concepts():
        prefs = list(lexicon().objects(concept, SKOS.prefLabel))
        if len(prefs) != 1 or not isinstance(prefs[0], Literal) or prefs[0].language != "en":
            bad.append((str(concept), [str(p) for p in prefs]))
    assert not bad, bad


def test_every_label_is_a_clean_english_literal() -> None:
    bad = []
    for concept in concepts():
        for label in labels(concept):
            text = str(label)
            if (
                label.language != "en"
                or text != text.strip()
                or "  " in text
                or not normalise(text)
            ):
                bad.append((str(concept), text, label.language))
    assert not bad, bad


def test_every_concept_has_exactly_one_known_category() -> None:
    bad = []
    for concept in concepts():
        categories = set(lexicon().objects(concept, AKG.category))
        if len(categories) != 1 or not categories <= CATEGORIES:
            bad.append((str(concept), sorted(map(str, categories))))
    assert not bad, bad


def test_every_concept_is_in_the_lexicon_scheme() -> None:
    graph = lexicon()
    assert (SCHEME, RDF.type, SKOS.ConceptScheme) in graph
    missing = [str(c) for c in concepts() if (c, SKOS.inScheme, SCHEME) not in graph]
    assert not missing, missing


def test_concept_iris_are_slugs_of_the_concept_namespace_and_valid_iris() -> None:
    bad = []
    for concept in concepts():
        iri = str(concept)
        slug = iri.removeprefix(str(CONCEPT))
        if not iri.startswith(str(CONCEPT)) or not SLUG.match(slug):
            bad.append(iri)
            continue
        try:
            pyoxigraph.NamedNode(iri)
        except ValueError:
            bad.append(iri)
    assert not bad, bad


def slug_of(label: str) -> str:
    text = label.lower().replace("&", " and ").replace("+", " plus ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def test_concept_iris_are_the_slug_of_the_pref_label() -> None:
    # One rule for every IRI, so that a concept's IRI can be predicted from its name.
    bad = []
    for concept in concepts():
        pref = lexicon().value(concept, SKOS.prefLabel)
        if concept != CONCEPT[slug_of(str(pref))]:
            bad.append((str(concept), str(pref)))
    assert not bad, bad


def test_no_label_belongs_to_two_concepts() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for concept in concepts():
        for label in labels(concept):
            owners[normalise(str(label))].add(str(concept))
    shared = {label: sorted(c) for label, c in owners.items() if len(c) > 1}
    assert not shared, shared


def test_no_concept_repeats_a_label_in_another_spelling_of_hyphens_or_case() -> None:
    # The recogniser folds case and hyphens itself, so such variants are noise; labels with
    # two or more capitals are exempt because they match case-sensitively ("HRQoL", "EMBASE").
    bad = []
    for concept in concepts():
        seen: dict[str, str] = {}
        for label in sorted(map(str, labels(concept)), key=lambda t: (t.upper() == t, t)):
            key = " ".join(re.findall(r"[a-z0-9]+", label.lower()))
            if key in seen and sum(c.isupper() for c in label) < 2:
                bad.append((str(concept), seen[key], label))
            seen.setdefault(key, label)
    assert not bad, bad


def test_abbreviations_are_plain_and_name_one_concept() -> None:
    graph = lexicon()
    label_owner: dict[str, set[str]] = defaultdict(set)
    for concept in concepts():
        for label in labels(concept):
            label_owner[str(label)].add(str(concept))
    abbreviation_owner: dict[str, set[str]] = defaultdict(set)
    bad = []
    for concept in concepts():
        for value in graph.objects(concept, AKG.abbreviation):
            text = str(value)
            if not isinstance(value, Literal) or value.language or not text or text != text.strip():
                bad.append((str(concept), text))
            abbreviation_owner[text].add(str(concept))
            # Abbreviations match with their exact capitals; another concept may not use the
            # same spelling as a label.
            others = label_owner.get(text, set()) - {str(concept)}
            if others:
                bad.append((str(concept), text, sorted(others)))
    shared = {a: sorted(c) for a, c in abbreviation_owner.items() if len(c) > 1}
    assert not bad, bad
    assert not shared, shared


def test_mesh_notations_are_descriptor_ids() -> None:
    bad = []
    seen: dict[str, str] = {}
    for concept, notation in lexicon().subject_objects(SKOS.notation):
        if not isinstance(notation, Literal) or notation.datatype != AKG.MeSH:
            bad.append((str(concept), str(notation), "not typed akg:MeSH"))
        elif not MESH.match(str(notation)):
            bad.append((str(concept), str(notation), "not a descriptor id"))
        elif str(notation) in seen:
            bad.append((str(concept), str(notation), f"also on {seen[str(notation)]}"))
        seen[str(notation)] = str(concept)
    assert not bad, bad
    assert len(seen) >= 50


def test_broader_targets_exist_and_have_no_cycle() -> None:
    graph = lexicon()
    known = set(concepts())
    broader: dict[URIRef, set[URIRef]] = defaultdict(set)
    dangling = []
    for concept, target in graph.subject_objects(SKOS.broader):
        if target not in known or target == concept:
            dangling.append((str(concept), str(target)))
        elif isinstance(concept, URIRef) and isinstance(target, URIRef):
            broader[concept].add(target)
    assert not dangling, dangling

    def ancestors(start: URIRef) -> set[URIRef]:
        seen: set[URIRef] = set()
        todo = list(broader[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(broader[node])
        return seen

    cycles = [str(c) for c in known if c in ancestors(c)]
    assert not cycles, cycles


def test_definitions_are_single_english_literals() -> None:
    bad = []
    for concept in concepts():
        definitions = list(lexicon().objects(concept, SKOS.definition))
        if len(definitions) > 1 or any(
            not isinstance(d, Literal) or d.language != "en" for d in definitions
        ):
            bad.append(str(concept))
    assert not bad, bad


def owner(label: str) -> str:
    found = {
        str(c).removeprefix(str(CONCEPT))
        for c in concepts()
        if any(normalise(str(lab)) == normalise(label) for lab in labels(c))
    }
    assert len(found) == 1, f"{label!r} belongs to {sorted(found)}"
    return found.pop()


@pytest.mark.parametrize(
    ("label", "slug", "category"),
    [
        ("massage", "massage-therapy", "Intervention"),
        ("RCT", "randomized-controlled-trial", "StudyDesign"),
        ("randomised clinical trial", "randomized-controlled-trial", "StudyDesign"),
        ("Cochrane review", "cochrane-review", "StudyDesign"),
        ("metastases", "metastasis", "Condition"),
        ("metastatic bone disease", "bone-metastasis", "Condition"),
        ("advanced stage cancer", "advanced-cancer", "Condition"),
        ("late-stage cancer", "advanced-cancer", "Condition"),
        ("bone-related pain", "metastatic-bone-pain", "Condition"),
        ("cancer-related pain", "cancer-pain", "Condition"),
        ("CINV", "chemotherapy-induced-nausea-and-vomiting", "Condition"),
        ("hot flashes", "hot-flush", "Condition"),
        ("lymphoedema", "lymphoedema", "Condition"),
        ("low platelet count", "thrombocytopenia", "Condition"),
        ("sham needling", "sham-acupuncture", "Intervention"),
        ("usual care", "usual-care", "Intervention"),
        ("radiation therapy", "radiotherapy", "Intervention"),
        ("5-HT3 receptor antagonists", "5-ht3-antagonist", "Intervention"),
        ("pain intensity", "pain", "Outcome"),
        ("quality of life", "quality-of-life", "Outcome"),
        ("reduced cortisol", "cortisol-reduction", "Mechanism"),
        ("endorphins", "endorphin-release", "Mechanism"),
        ("palliative care", "palliative-care", "Context"),
        ("integrative oncology", "integrative-oncology", "Context"),
        ("Macmillan Cancer Support", "macmillan-cancer-support", "Organization"),
        ("Google Search Console", "google-search-console", "Organization"),
        ("Journal of Clinical Oncology", "journal-of-clinical-oncology", "Periodical"),
    ],
)
def test_key_labels_name_the_intended_concept(label: str, slug: str, category: str) -> None:
    assert owner(label) == slug
    assert (CONCEPT[slug], AKG.category, AKG[category]) in lexicon()


@pytest.mark.parametrize(
    ("abbreviation", "slug"),
    [
        ("PAIN", "pain-journal"),
        ("Ann Intern Med", "annals-of-internal-medicine"),
        ("J Clin Oncol", "journal-of-clinical-oncology"),
        ("Appl Nurs Res", "applied-nursing-research"),
        ("Support Care Cancer", "supportive-care-in-cancer"),
        ("MT", "massage-therapy"),
        ("WHO", "world-health-organization"),
    ],
)
def test_abbreviations_name_the_intended_concept(abbreviation: str, slug: str) -> None:
    assert (CONCEPT[slug], AKG.abbreviation, Literal(abbreviation)) in lexicon()


def test_acronyms_that_are_english_words_are_never_case_folded_labels() -> None:
    # A label matches whatever its case; "WHO" or "PAIN" as a label would match every "who"
    # and every "pain", so these stay abbreviations only.
    words = {"who", "pain", "nice", "cam", "aid", "us"}
    bad = [
        (str(c), str(label))
        for c in concepts()
        for label in labels(c)
        if str(label).isupper() and str(label).lower() in words
    ]
    assert not bad, bad
