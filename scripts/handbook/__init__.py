"""Buddy Handbook Kit: YAML roles, topics, modules, checklists and escalation paths → a site."""

from __future__ import annotations

from handbook.assemble import Generated
from handbook.build import generate, generate_cached, load_valid
from handbook.errors import BuildFailed, HandbookError, Problem, ValidationFailed
from handbook.load import Handbook, load_handbook

__all__ = [
    "BuildFailed",
    "Generated",
    "Handbook",
    "HandbookError",
    "Problem",
    "ValidationFailed",
    "generate",
    "generate_cached",
    "load_handbook",
    "load_valid",
]
