"""The Convention's enumerations, apart from the models: the command line's parser offers them
without importing Pydantic (cli.py), which a build's first process does not need."""

from __future__ import annotations

from enum import Enum


class Article(int, Enum):
    """Articles of the Convention with obligations a State Party reports on."""

    stockpile_destruction = 3
    clearance = 4
    victim_assistance = 5
    national_implementation = 9


class Area(str, Enum):
    """The area a request for assistance, or assistance given, concerns."""

    stockpile_destruction = "stockpile-destruction"
    clearance = "clearance"
    risk_reduction_education = "risk-reduction-education"
    victim_assistance = "victim-assistance"
    national_implementation = "national-implementation"

    @property
    def article(self) -> Article:
        """The article whose obligation this area serves (risk reduction belongs to Article 4)."""
        return {
            Area.stockpile_destruction: Article.stockpile_destruction,
            Area.clearance: Article.clearance,
            Area.risk_reduction_education: Article.clearance,
            Area.victim_assistance: Article.victim_assistance,
            Area.national_implementation: Article.national_implementation,
        }[self]


class HelpKind(str, Enum):
    """The kind of help asked for or given (Article 6: technical, material, financial)."""

    financial = "financial"
    technical = "technical"
    material = "material"
    expertise = "expertise"
