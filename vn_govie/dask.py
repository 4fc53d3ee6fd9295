"""Extraction over a Dask cluster: ``extract_bag`` and ``extract_dataframe``.

An archive too large for one machine is a ``dask.bag.Bag`` of texts (or of
``(id, text)`` pairs, or of ``{"id": ..., "text": ...}`` dicts); ``extract_bag``
maps ``extract_many`` over its partitions, so each partition goes through the
pipeline's batched ``nlp.pipe`` and each worker process loads the pipeline once
(``vn_govie.load`` keeps it per process, keyed by its path) and keeps it for every
later task. Results are plain dicts (``Extraction.to_dict()``): light to send back
and ready for JSON. Needs ``pip install 'vn_govie[dask]'``; see docs/dask.md.

Items of the bag, one contract for all partitions:

* ``str``: the text; its result has no ``"id"``.
* ``(id, text)`` (a tuple or a two-item list): its result is ``{"id": id, **to_dict()}``.
* a ``dict`` with ``"text"`` and optionally ``"id"`` (other keys are ignored): the same.

An ``id`` is a ``str`` or an ``int``; anything else is a ``TypeError`` naming the
item, raised when the bag is computed (as Dask raises a task's error).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

try:
    import dask.bag  # an absolute import: the Dask package, not this module
except ModuleNotFoundError as err:  # pragma: no cover - the extra is installed wherever this is tested
    raise ModuleNotFoundError(f"vn_govie.dask needs Dask ({err}): pip install 'vn_govie[dask]'") from err

from .api import _check_count, _check_doc_year, extract_many

#: seconds to wait for a scheduler before giving up (``connect``, ``vn-govie extract --dask``)
CONNECT_TIMEOUT = 10

_NO_ID = object()

__all__ = ["CONNECT_TIMEOUT", "connect", "extract_bag", "extract_dataframe", "extract_partition"]


def _split_item(item: Any, position: int) -> tuple[Any, str]:
    """``(id, text)`` of one bag item (``_NO_ID`` for a bare text), or a ``TypeError`` saying what is wrong."""
    if isinstance(item, str):
        return _NO_ID, item
    if isinstance(item, (tuple, list)):
        if len(item) != 2:
            raise TypeError(f"vn_govie.dask: item {position} of a partition is a {type(item).__name__} of "
                            f"{len(item)} values; expected (id, text)")
        doc_id, text = item
    elif isinstance(item, dict):
        if "text" not in item:
            raise TypeError(f"vn_govie.dask: item {position} of a partition is a dict without a 'text' key "
                            f"(keys: {sorted(map(str, item))[:5]})")
        doc_id, text = item.get("id", _NO_ID), item["text"]
    else:
        raise TypeError(f"vn_govie.dask: item {position} of a partition is {type(item).__name__}; expected a str "
                        "text, an (id, text) pair or a dict with 'text' (and 'id')")
    if doc_id is not _NO_ID and (isinstance(doc_id, bool) or not isinstance(doc_id, (str, int))):
        raise TypeError(f"vn_govie.dask: item {position} of a partition has an id of type {type(doc_id).__name__} "
                        f"({doc_id!r}); an id is a str or an int")
    if not isinstance(text, str):
        named = "" if doc_id is _NO_ID else f" (id {doc_id!r})"
        raise TypeError(f"vn_govie.dask: item {position} of a partition{named} has a text of type "
                        f"{type(text).__name__}, not str")
    return doc_id, text


def extract_partition(
    items: Iterable[Any], *, model: str | None = None, doc_year: int | None = None, batch_size: int = 32
) -> list[dict[str, Any]]:
    """The results of one partition's items, in order, as dicts (what each Dask task runs).

    Every item is checked before any is extracted, so a bad one fails the task at once.
    The pipeline comes from ``vn_govie.load``'s per-process cache: loaded by a worker's
    first task, reused by the next ones.
    """
    pairs = [_split_item(item, i) for i, item in enumerate(items)]
    results = extract_many((text for _, text in pairs), model=model, doc_year=doc_year, batch_size=batch_size)
    out = []
    for (doc_id, _), result in zip(pairs, results):
        data = result.to_dict()
        out.append(data if doc_id is _NO_ID else {"id": doc_id, **data})
    return out


def extract_bag(
    bag: dask.bag.Bag,
    *,
    model: str | Path | None = None,
    doc_year: int | None = None,
    batch_size: int = 32,
) -> dask.bag.Bag:
    """A lazy bag of result dicts, one per item of ``bag``, in the same partitions and order.

    ``model`` is a pipeline folder that must exist at that path on every worker
    (default: the pipeline shipped in the package, so nothing is downloaded);
    ``doc_year`` completes dates without a year, as in ``extract``. Arguments are
    checked here; items are checked when the bag is computed (module docstring).
    """
    if not isinstance(bag, dask.bag.Bag):
        raise TypeError(f"extract_bag() expects a dask.bag.Bag, got {type(bag).__name__}")
    _check_count("batch_size", batch_size)
    _check_doc_year(doc_year)
    return bag.map_partitions(extract_partition, model=None if model is None else str(model), doc_year=doc_year,
                              batch_size=batch_size)


def extract_dataframe(
    df: Any,
    text_column: str = "text",
    id_column: str | None = None,
    *,
    model: str | Path | None = None,
    doc_year: int | None = None,
    batch_size: int = 32,
) -> dask.bag.Bag:
    """``extract_bag`` over a ``dask.dataframe.DataFrame``: a bag of result dicts, one per row, in row order.

    With ``id_column`` each result carries ``"id"`` (that column's value, a str or an
    int). A bag, not a DataFrame, since results are nested (entities, relations,
    records); flatten what you need with ``.map(...)`` and ``.to_dataframe()``.
    """
    columns = getattr(df, "columns", None)
    if columns is None or not hasattr(df, "to_bag"):
        raise TypeError(f"extract_dataframe() expects a dask.dataframe.DataFrame, got {type(df).__name__}")
    for what, name in (("text_column", text_column), ("id_column", id_column)):
        if name is not None and name not in columns:
            raise KeyError(f"extract_dataframe(): {what} {name!r} is not a column (columns: {list(columns)})")
    if id_column is None:
        bag = df[text_column].to_bag()
    else:
        bag = df[[id_column, text_column]].to_bag(index=False)
    return extract_bag(bag, model=model, doc_year=doc_year, batch_size=batch_size)


def connect(address: str, timeout: float | None = None) -> Any:
    """A ``dask.distributed.Client`` of the scheduler at ``address``, waiting at most ``timeout`` seconds.

    Raises ``ConnectionError`` with one readable line when the scheduler cannot be
    reached or the address is malformed (default wait: ``CONNECT_TIMEOUT``).
    """
    from dask.distributed import Client

    wait = CONNECT_TIMEOUT if timeout is None else timeout
    try:
        return Client(address, timeout=wait)
    except (OSError, TimeoutError, ValueError) as err:
        raise ConnectionError(f"cannot reach the Dask scheduler at {address}: {err}") from None
