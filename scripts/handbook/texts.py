"""Walk the translatable text of a model: every string's stable address, and its translation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from handbook.models import TRANSLATABLE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from handbook.yamlsrc import Loc


def is_translatable(model: type[BaseModel], name: str) -> bool:
    return any(meta is TRANSLATABLE for meta in model.model_fields[name].metadata)


def _step(value: Any, index: int) -> str:
    """A list item's part of an address: its id when it has one, so reordering moves nothing."""
    item_id = getattr(value, "id", None)
    return item_id if isinstance(item_id, str) else str(index)


def iter_texts(value: Any, address: tuple[str, ...] = (), loc: Loc = ()) -> Iterator[tuple[str, Loc, str]]:
    """Yield (address, location in the file, text) for every translatable string, in file order."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if is_translatable(type(value), name):
                if isinstance(child, str):
                    yield ".".join((*address, name)), (*loc, name), child
            else:
                yield from iter_texts(child, (*address, name), (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*address, _step(item, index)), (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, (*address, str(key)), (*loc, str(key)))


def map_texts(value: Any, fn: Callable[[str, str], str], address: tuple[str, ...] = ()) -> Any:
    """A copy of `value` with every translatable string replaced by `fn(address, text)`."""
    if isinstance(value, BaseModel):
        update: dict[str, Any] = {}
        for name in type(value).model_fields:
            child = getattr(value, name)
            if is_translatable(type(value), name):
                if isinstance(child, str):
                    update[name] = fn(".".join((*address, name)), child)
            elif isinstance(child, BaseModel | list | dict):
                update[name] = map_texts(child, fn, (*address, name))
        return value.model_copy(update=update)
    if isinstance(value, list):
        return [map_texts(item, fn, (*address, _step(item, i))) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {key: map_texts(item, fn, (*address, str(key))) for key, item in value.items()}
    return value


def iter_plain(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Yield (location, text) for every string that is not translated: names, numbers, ids."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if not is_translatable(type(value), name):
                yield from iter_plain(getattr(value, name), (*loc, name))
    elif isinstance(value, str):
        yield loc, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_plain(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_plain(item, (*loc, str(key)))
