"""Base model shared by every wire type: frozen, strict about unknown fields."""

from typing import Self

from pydantic import BaseModel, ConfigDict

__all__ = ["WireModel"]


class WireModel(BaseModel):
    """A frozen pydantic model that rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def with_fields(self, changes: dict[str, object]) -> Self:
        """`model_copy(update=changes)` (no validation) made directly: a wire model has no
        extra fields and no private attributes, so there is nothing else to copy."""
        copied = object.__new__(type(self))
        object.__setattr__(copied, "__dict__", {**self.__dict__, **changes})
        object.__setattr__(
            copied, "__pydantic_fields_set__", self.__pydantic_fields_set__ | changes.keys()
        )
        object.__setattr__(copied, "__pydantic_extra__", None)
        object.__setattr__(copied, "__pydantic_private__", None)
        return copied
