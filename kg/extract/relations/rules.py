"""The registry of relation rules: name -> ``ctx -> Iterator[Fact]``.

Rules live in three modules by how they read the sentence: :mod:`~kg.extract.relations.clauses`
(from a trigger through the dependency tree), :mod:`~kg.extract.relations.surface` (word order, for
parses the small models get wrong) and :mod:`~kg.extract.relations.nouns` (founding nouns, zero
relatives). Every rule is run; :func:`kg.extract.relations.facts.extract_facts` deduplicates.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from kg.extract.relations.base import LOC, ORG, Ctx
from kg.extract.relations.clauses import (
    rule_founded, rule_headquarters, rule_institution_in, rule_is_a_noun_in, rule_owned, rule_roles, verb_rule,
)
from kg.extract.relations.genitive import rule_genitive_title
from kg.extract.relations.groups import rule_group_members
from kg.extract.relations.located import rule_located_in
from kg.extract.relations.makers import rule_maker_noun, rule_making_verb, rule_product_of
from kg.extract.relations.nearby import rule_nearby
from kg.extract.relations.nouns import rule_founding_noun, rule_zero_relative
from kg.extract.relations.people import rule_copula_occupations, rule_occupation
from kg.extract.relations.seats import (
    rule_described_at, rule_described_before, rule_institution_at, rule_is_a_noun_of, rule_seat_chain,
)
from kg.extract.relations.sites import rule_has_sites
from kg.extract.relations.surface import (
    rule_sentence_pair, rule_surface_founded, rule_surface_headquarters, rule_surface_roles,
)
from kg.types import Fact

#: name -> rule.
RULES: dict[str, Callable[[Ctx], Iterator[Fact]]] = {
    "roles": rule_roles,
    "founded": rule_founded,
    "headquarters": rule_headquarters,
    "institution_in": rule_institution_in,
    "institution_at": rule_institution_at,
    "seat_chain": rule_seat_chain,
    "has_sites": rule_has_sites,
    "occupation": rule_occupation,
    "copula_occupations": rule_copula_occupations,
    "owned_by": rule_owned,
    "group_members": rule_group_members,
    "genitive_title": rule_genitive_title,
    "is_a_noun_in": rule_is_a_noun_in,
    "is_a_noun_of": rule_is_a_noun_of,
    "described_at": rule_described_at,
    "described_before": rule_described_before,
    "located_in": rule_located_in,
    "operates_in": verb_rule("verb.operate", "prep.place", LOC, "operatesIn", "operates_in", 0.65),
    "invests_in": verb_rule("verb.invest", "prep.place", ORG, "investsIn", "invests_in", 0.65),
    "partner_of": verb_rule("verb.partner", "prep.with", ORG, "partnerOf", "partner_of", 0.65),
    "sentence_pair": rule_sentence_pair,
    "nearby": rule_nearby,
    "surface_roles": rule_surface_roles,
    "surface_headquarters": rule_surface_headquarters,
    "surface_founded": rule_surface_founded,
    "founding_noun": rule_founding_noun,
    "zero_relative": rule_zero_relative,
    "making_verb": rule_making_verb,
    "maker_noun": rule_maker_noun,
    "product_of": rule_product_of,
}
