"""Title-case English headings are read in lower case where they use the words of business news, so the
headline's event is parsed; names keep their capitals, and every offset still points into the article."""
from __future__ import annotations

import pytest

from kg.eval.system import make_article, run_product
from kg.nlp.folding import fold_headings, model_text


@pytest.mark.parametrize("line, folded", [
    ("Northwind to Buy Fabrikam Foods for $2 Billion", "Northwind to buy Fabrikam Foods for $2 Billion"),
    ("Contoso Names Jane Roe President of Its Cloud Unit", "Contoso names Jane Roe president of its Cloud unit"),
    # a word that also opens names keeps its capital before a name
    ("New Harbor Times Buys Orbis Media", "New Harbor Times buys Orbis Media"),
    ("Will Roe Joins Contoso Board", "Will Roe joins Contoso board"),
    # a sentence, even with many names, is no heading
    ("Northwind Foods Said It Will Buy Fabrikam.", "Northwind Foods Said It Will Buy Fabrikam."),
])
def test_fold_headings(line, folded):
    assert fold_headings(line + "\nThe deal was announced on Monday.", "en").splitlines()[0] == folded


def test_a_word_written_as_a_name_in_the_prose_keeps_its_capital():
    text = "Contoso Opens Store Near Target\nShares of Target rose after Contoso opened its store."
    assert fold_headings(text, "en").splitlines()[0] == "Contoso opens store near Target"


def test_same_offsets_and_french_untouched():
    en = make_article("a", "Northwind to Buy Fabrikam Foods\nNorthwind said so.", "en")
    fr = make_article("b", "Renault Va Racheter Nissan Et Fermer Trois Usines\nLe groupe l'a dit.", "fr")
    assert len(model_text(en)) == len(en.text) and model_text(en).lower() == en.text.lower()
    assert model_text(fr) == fr.text


def test_the_headline_deal_is_read():
    text = "Vantor Pharma to Buy Halcyon Therapeutics for $2 Billion\nVantor Pharma said it would pay $42 a share."
    out = next(run_product([make_article("a", text, "en")]))
    ms = out.extraction.mentions
    assert [(e.type, ms[e.agent].text, ms[e.target].text) for e in out.extraction.events
            if e.sentence == 0] == [("Acquisition", "Vantor Pharma", "Halcyon Therapeutics")]


def test_a_headline_weighing_a_deal_states_none():
    # "X: Buying Y Wouldn't Hurt" weighs a deal; the prose after it says nothing was bought
    text = "Vantor Pharma: Buying Halcyon Therapeutics Wouldn't Hurt\nVantor Pharma has been looking for a deal for years."
    out = next(iter(run_product([make_article("a", text, "en")])))
    assert not [e for e in out.extraction.events if e.type == "Acquisition"]
