"""The input contract: one news article per message on the input topic."""

from datetime import datetime

from pydantic import Field

from schemas._base import WireModel

__all__ = ["Article", "RelatedHeadline"]


class RelatedHeadline(WireModel):
    """A headline listed beside an article (e.g. in scraper junk), analysable on its own."""

    title: str = Field(min_length=1, description="The related article's headline.")
    id: str | None = Field(default=None, description="The related article's id at its source.")


class Article(WireModel):
    """A news article as producers publish it (JSON) or as parsed from a raw document."""

    id: str = Field(min_length=1, max_length=512, description="Stable article id.")
    title: str = Field(default="", description="Headline; may be empty when a body is given.")
    body: str = Field(
        default="", description="Plain-text body, paragraphs separated by blank lines."
    )
    url: str | None = Field(default=None, description="Canonical URL of the article.")
    source: str | None = Field(default=None, description="Outlet name, e.g. 'Alalam'.")
    source_country: str | None = Field(
        default=None, description="Country named on the source line, e.g. 'Iraq'."
    )
    published_at: datetime | None = Field(default=None, description="Publication time.")
    language: str | None = Field(default=None, description="ISO 639-1 code when known.")
    related: list[RelatedHeadline] = Field(
        default_factory=list, description="Related headlines found beside the article."
    )
    parent_id: str | None = Field(
        default=None, description="Id of the article this one was derived from (related headline)."
    )
    warnings: list[str] = Field(
        default_factory=list, description="Non-fatal intake notes, e.g. 'decoded as cp1252'."
    )

    @property
    def text(self) -> str:
        """Headline and body joined as one analysable text."""
        if self.title and self.body:
            return f"{self.title}\n\n{self.body}"
        return self.title or self.body
