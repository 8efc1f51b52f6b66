"""Shared types passed between the pipeline stages.

Data flows one way: ``ingest -> nlp -> extract -> resolve -> rdf -> store/query/viz/analysis``.
Every stage takes and returns these immutable named tuples, so a stage can be tested, cached or
shipped to another process (Dask) on its own.

All character offsets are into ``Article.text``, the article's original text: cleaning never shifts
offsets (noise is masked, not cut), so a provenance offset always points at the source.
"""
from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

#: Entity types are the local names of ontology classes (``kg:Company`` ...).
ENTITY_TYPES = (
    "Organization", "Company", "Person", "Place", "Country", "City", "Region", "Facility", "Product",
)
#: The entity types an organisation role takes (a company or another organisation).
ORG_TYPES = ("Company", "Organization")
#: Event types are the local names of ``kg:Event`` subclasses.
EVENT_TYPES = (
    "FacilityOpening", "FacilityClosure", "StoreOpening", "StoreClosure", "ProductLaunch", "MarketEntry", "Acquisition", "Divestiture",
    "Investment", "Funding", "Partnership", "Appointment", "Departure", "IPO",
    "Layoff",
)
EVENT_STATUSES = ("proposed", "planned", "done", "cancelled")


class Article(NamedTuple):
    """One article as read from disk, before any NLP."""

    id: str
    """Stable identity: explicit ``id`` field, else URL, else file name (``name.jsonl#L3`` for JSONL)."""
    source: str
    """The file it came from, as given by the user."""
    line: int | None
    """1-based line number for JSONL input, else None."""
    text: str
    """Original text (for HTML: the main text extracted by trafilatura). Offsets point into it."""
    title: str
    published: _dt.date | None
    lang: str
    """``"en"`` or ``"fr"``."""
    url: str | None
    noise: tuple[tuple[int, int], ...]
    """Character spans (start, end) of page furniture, emojis, hashtags ... kept out of extraction."""
    content_hash: str
    """sha256 hex of the text and metadata: an unchanged article is skipped by incremental builds."""


class IngestWarning(NamedTuple):
    """A problem with one input item; the item is skipped, the build goes on."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.message}"


class Sentence(NamedTuple):
    start: int
    end: int
    text: str


class Mention(NamedTuple):
    """A span that names (or refers to) an entity."""

    start: int
    end: int
    text: str
    type: str
    """One of ENTITY_TYPES."""
    sentence: int
    """Index into ``Extraction.sentences``."""
    extractor: str
    """Rule or model that found it, e.g. ``"spacy.ner"``, ``"kg.gazetteer"``, ``"kg.coref"``."""
    confidence: float
    antecedent: int | None = None
    """For coreferent mentions ("the company", "il"): index of the mention it refers to."""


#: Extractor of a pronoun whose antecedent is not in the text ("He founded ..." opening an excerpt).
#: Relation extraction reads facts through it, as through any pronoun; the resolver makes no entity
#: of it, so the graph never holds those facts (span-level benchmarks may score them).
UNRESOLVED = "kg.coref.unresolved"
#: extractor of the mentions a name's alias or short form makes ("Northwind Traders (NWT)"): :mod:`kg.extract.aliases`
ALIAS = "kg.alias"


def is_named(m: Mention) -> bool:
    """True for a mention that names its entity itself (not a pronoun, anaphor or alias).

    Examples
    --------
    >>> is_named(Mention(0, 4, "Acme", "Company", 0, "spacy.ner", 1.0))
    True
    >>> is_named(Mention(0, 2, "He", "Person", 0, UNRESOLVED, 0.3))
    False
    """
    return m.antecedent is None and m.extractor != UNRESOLVED


class DateMention(NamedTuple):
    start: int
    end: int
    text: str
    value: str
    """ISO value as precise as the text allows: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    sentence: int
    extractor: str
    confidence: float


class Fact(NamedTuple):
    """A relation between two mentions, or between a mention and a literal value."""

    subject: int
    """Index into ``Extraction.mentions``."""
    predicate: str
    """Ontology property local name, e.g. ``"headquarteredIn"``."""
    object: int | None
    """Index into ``Extraction.mentions``, or None when ``value`` holds a literal."""
    value: str | None
    """Literal object: an ISO date for ``foundedOn``, a title for ``jobTitle``."""
    sentence: int
    extractor: str
    confidence: float


class Event(NamedTuple):
    """A business event (store opening, acquisition ...) with its roles."""

    type: str
    """One of EVENT_TYPES."""
    trigger_start: int
    trigger_end: int
    sentence: int
    status: str
    """One of EVENT_STATUSES, from tense and modality."""
    agent: int | None
    target: int | None
    product: int | None
    places: tuple[int, ...]
    date: str | None
    """ISO date value (see DateMention.value)."""
    amount: float | None
    currency: str | None
    extractor: str
    confidence: float
    thing: str | None = None
    """What a launch launches when the model tags no product: the launched noun's lemma with its compounds
    ("graphics card"), so the mentions of one launch merge (:mod:`kg.resolve.events`) and its label says what."""


class Extraction(NamedTuple):
    """Everything extracted from one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    dates: tuple[DateMention, ...]
    facts: tuple[Fact, ...]
    events: tuple[Event, ...]


class Entity(NamedTuple):
    """A resolved entity: what every mention of one real thing becomes."""

    key: str
    """Deterministic, corpus-independent key, e.g. ``"organization/xiaomi"``: same name, same key."""
    type: str
    """Most specific ENTITY_TYPES class."""
    label: str
    lang: str
    aliases: tuple[str, ...]
    same_as: tuple[str, ...]
    """External identifiers (Wikidata, GeoNames IRIs) when a gazetteer knows them."""
    parent: str | None
    """Key of the containing place (a city's country) or parent organization, when known."""
    lat: float | None
    lon: float | None
    why: str
    """Human-readable explanation of how mentions were merged into this entity."""


class Resolved(NamedTuple):
    """An extraction with each mention mapped to an entity."""

    extraction: Extraction
    entities: tuple[Entity, ...]
    mention_entity: tuple[str | None, ...]
    """For each mention, the key of its entity (None if dropped)."""
