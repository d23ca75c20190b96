"""Compose documents: loading, validation and normalization (see ``loader.load_project``)."""
from .loader import dependency_levels, load_project, parse_yaml, validate
from .model import Project, Service

__all__ = ['Project', 'Service', 'dependency_levels', 'load_project', 'parse_yaml', 'validate']
