"""kg.nlp.attributes: the memoised attribute ruler and lemmatizer annotate exactly as spaCy's own components."""
from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from kg.nlp import MODELS, get_pipeline
from kg.nlp.attributes import IndexedAttributeRuler, compile_patterns, speed_up

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]

# News sentences written for these tests: contractions, possessives, auxiliaries, "'s" both ways,
# irregular plurals and verbs, numbers, quotes, a line break, accents and elisions in French.
TEXTS = {
    "en": [
        "Nordlys Energy's chief executive said the company isn't gonna sell its Danish unit, "
        "but it'll open 12 new stores in Lyon and Marseille by 2027.",
        "The children's toys were recalled; mice-proof boxes went on sale at $4.99.\nLet's see what's next.",
        "She's been appointed CFO. He was leaving, wasn't he? They've bought 30% of the shares ain't it",
        "Analysts said shares rose 3.2% on Tuesday after the group's best-ever quarter (Q3).",
        "“We are delighted,” said Jane Roe, who founded the start-up in 2014 with her brothers.",
    ],
    "fr": [
        "Le PDG de l'entreprise a annoncé qu'elle ouvrirait deux magasins à Lyon l'année prochaine.",
        "Les fabricants chinois d'aspirateurs ont été rachetés ; c'était prévu depuis 2019.",
        "Elle quitte le groupe pour rejoindre une start-up où il occupera la fonction de directeur commercial.\n"
        "Ventes : +12 %.",
    ],
}


def _annotations(doc):
    return (doc.to_array(ATTRS).tolist(), [t.lemma_ for t in doc], [str(t.morph) for t in doc])


@pytest.fixture(scope="module", params=sorted(MODELS))
def pair(request):
    """The stock model and the same model with the memoised components, for one language."""
    lang = request.param
    stock, fast = spacy.load(MODELS[lang]), spacy.load(MODELS[lang])
    assert speed_up(fast) == ["kg_attribute_ruler", "kg_lemmatizer"]
    return lang, stock, fast


def test_same_annotations_as_spacy(pair):
    lang, stock, fast = pair
    # Twice through: the second pass answers from the memos.
    for _ in range(2):
        for text in TEXTS[lang]:
            assert _annotations(fast(text)) == _annotations(stock(text)), text


def test_same_matches_as_the_matcher(pair):
    lang, stock, fast = pair
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedAttributeRuler(ruler, *compile_patterns(ruler))
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(TEXTS[lang]))
    for doc in docs:
        expected = sorted(set(ruler.match(doc)))
        assert expected and indexed.match(doc) == expected


def test_replaces_the_components_in_place(pair):
    lang, stock, fast = pair
    names = fast.pipe_names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert names.index("parser") < names.index("kg_attribute_ruler") < names.index("kg_lemmatizer") < names.index("ner")


def test_kg_pipelines_use_them():
    for lang in MODELS:
        assert {"kg_attribute_ruler", "kg_lemmatizer"} <= set(get_pipeline(lang).pipe_names)


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "acme"}, {"LOWER": "corp", "OP": "?"}],     # an operator
    [{"LOWER": "acme"}, {"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],  # MORPH, which the Matcher normalises
    [{"LOWER": "acme"}, {"_": {"brand": True}}],            # an extension attribute
])
def test_patterns_the_lookup_cannot_decide_keep_spacys_ruler(pattern):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([pattern], {"TAG": "NNP"})
    assert compile_patterns(ruler) is None
    assert speed_up(nlp) == []
    assert nlp.pipe_names == ["attribute_ruler"]


def test_memo_starts_afresh_past_its_size(monkeypatch, pair):
    lang, stock, fast = pair
    import kg.nlp.attributes as module

    monkeypatch.setattr(module, "MEMO_SIZE", 3)
    text = TEXTS[lang][0]
    assert _annotations(fast(text)) == _annotations(stock(text))
    assert len(fast.get_pipe("kg_lemmatizer").memo) <= len(fast(text))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_empty_text_parses_to_an_empty_doc(lang):
    from kg.nlp import get_pipeline

    assert len(get_pipeline(lang)("")) == 0
