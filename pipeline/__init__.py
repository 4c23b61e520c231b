"""Safeguarding Early Adopters: the NCB publication as an open dataset.

Stages, data flowing one way: extract (PDF -> positioned lines) -> structure
(lines -> document model) -> normalise (model -> tidy tables) -> validate
(Pandera) -> publish (files).
"""

__version__ = "0.1.0"
