"""people-roles (ontology/queries/people-roles.rq): roles are titles, never event verbs."""
from __future__ import annotations

from kg.query.sparql import run_query

# invented people and company
GRAPH = """@prefix kg: <https://w3id.org/newskg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<urn:p1> a kg:Person ; rdfs:label "Jane Smith" ; kg:jobTitle "chief executive" .
<urn:p2> a kg:Person ; rdfs:label "Tom Reed" .
<urn:c1> a kg:Company ; rdfs:label "Helios Motors" .
<urn:e1> a kg:Appointment ; kg:agent <urn:p1> ; kg:target <urn:c1> .
<urn:e2> a kg:Departure ; kg:agent <urn:p2> ; kg:target <urn:c1> .
"""


def test_appointments_and_departures_give_titles(tmp_path):
    path = tmp_path / "roles.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    rows = [tuple(r) for r in run_query(path, "people-roles").rows]
    assert rows == [("Jane Smith", "chief executive", "Helios Motors"), ("Tom Reed", "former employee", "Helios Motors")]
