"""Adapters of local embedding libraries to the Embedder protocol (extras)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from wikireuse.exceptions import ConfigurationError, VectorSupportError

if TYPE_CHECKING:
    from model2vec import StaticModel

__all__ = ["Model2VecEmbedder"]


class Model2VecEmbedder:
    """A `model2vec <https://github.com/MinishLab/model2vec>`_ static model.

    Static embeddings: a vector per token, averaged; fast on a CPU, with no
    neural network at query time. Needs the ``model2vec`` extra.

    Args:
        model: A loaded :class:`model2vec.StaticModel`, or the name or path
            :meth:`model2vec.StaticModel.from_pretrained` loads (a name is
            downloaded from the Hugging Face hub by model2vec).
        model_id: The id its vectors are stored under (default
            ``model2vec:<name>``); give one that changes when the model does.

    Raises:
        VectorSupportError: When model2vec is not installed.
        ConfigurationError: When no model id can be told.

    .. versionadded:: 0.2.0
    """

    def __init__(self, model: StaticModel | str, *, model_id: str | None = None):
        try:
            from model2vec import StaticModel
        except ImportError as exc:
            raise VectorSupportError(
                message="Model2VecEmbedder needs model2vec: "
                f"pip install 'wikireuse[model2vec]' ({exc})",
                extra="model2vec",
            ) from exc
        name = model if isinstance(model, str) else model.base_model_name
        self.model: StaticModel = (
            StaticModel.from_pretrained(model) if isinstance(model, str) else model
        )
        if model_id is None and not name:
            raise ConfigurationError(
                message="this StaticModel has no base_model_name: give model_id="
            )
        self.model_id: str = model_id or f"model2vec:{name}"
        self.dimensions: int = int(self.model.dim)

    def embed(self, texts: Sequence[str]) -> Sequence[Sequence[float]]:
        """One vector per text (the model's mean of token vectors)."""
        vectors: Any = self.model.encode(list(texts), show_progress_bar=False)
        return [list(map(float, row)) for row in vectors]

    def __repr__(self) -> str:
        return f"<Model2VecEmbedder {self.model_id!r} ({self.dimensions} dimensions)>"
