"""Stage 8, explore: what an analyst looks at.

| module | owns |
|---|---|
| :mod:`kg.explore.analysis` | networkx views of the graph: ``to_networkx``, centrality, communities, ``stats``, ``profile`` |
| :mod:`kg.explore.html` | the interactive HTML graph (pyvis + ``assets/``): ``render``, ``show`` |
"""
