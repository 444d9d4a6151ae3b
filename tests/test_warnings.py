"""The suite's warning filters (pyproject.toml): the handbook's own warnings fail a test, a system
library's do not, so the suite passes on a machine whose libraries warn differently."""

from __future__ import annotations

import warnings

import pytest


def _warn(category: type[Warning], module: str) -> list[warnings.WarningMessage]:
    with warnings.catch_warnings(record=True) as caught:  # keeps the filters pytest set up
        warnings.warn_explicit("test", category, f"{module.replace('.', '/')}.py", 1, module=module)
    return caught


def test_a_warning_of_the_handbook_is_an_error() -> None:
    with pytest.raises(UserWarning):
        _warn(UserWarning, "handbook.render")


def test_a_deprecation_in_a_library_the_handbook_calls_is_an_error() -> None:
    with pytest.raises(DeprecationWarning):
        _warn(DeprecationWarning, "jinja2.environment")


def test_a_system_library_that_warns_differently_does_not_fail_the_suite() -> None:
    assert [str(w.message) for w in _warn(DeprecationWarning, "weasyprint.text.fonts")] == ["test"]
    assert [str(w.message) for w in _warn(UserWarning, "fontTools.subset")] == ["test"]
