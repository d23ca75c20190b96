"""Compose documents, read as Compose reads them (see docs/compose.md).

    yamlio.py     YAML 1.2 text -> data, with the line of every key
    sources.py    the stack's files: interpolate.py, casts.py, schema.py on each; merge.py across them
    loader.py     the pipeline: load_project(text, name=…, env=…, files=…) -> Project
    normalize.py  one service -> model.Service (fields.py parses each value)
"""
from .loader import dependency_levels, load_project, parse_yaml
from .model import Project, Service
from .schema import validate

__all__ = ['Project', 'Service', 'dependency_levels', 'load_project', 'parse_yaml', 'validate']
