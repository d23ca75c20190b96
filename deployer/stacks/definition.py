"""What a stack deployed here was deployed from, and how its files are kept.

    config/stacks/<name>/compose.yaml    the document as given (parameters not filled in)
    config/stacks/<name>/deployer.yaml   template id, non-secret parameters, scale overrides
    config/stacks/<name>/files/…         the stack's other files (extends, include, configs)
    secrets/<name>.yaml                  secret parameters (mode 0600, never in config/)
    secrets/<name>.files/…               env files and secret-named files (0600, never in git)
"""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from ..compose.merge import MAX_FILES, check_file_name
from ..errors import InvalidInput
from ..secrets import SECRET_NAME
from ..store import atomic_write


@dataclasses.dataclass(frozen=True)
class Definition:
    """What a stack deployed here was deployed from."""
    compose: str
    template: str | None = None
    params: dict[str, str] = dataclasses.field(default_factory=dict)
    secrets: dict[str, str] = dataclasses.field(default_factory=dict)
    scale: dict[str, int] = dataclasses.field(default_factory=dict)
    profiles: list[str] = dataclasses.field(default_factory=list)
    files: dict[str, str] = dataclasses.field(default_factory=dict)   # relative name -> text
    working_dir: str | None = None   # adopted from docker compose: relative paths stay in its folder

    @property
    def env(self) -> dict[str, str]:
        return {**self.params, **self.secrets}



MAX_FILE = 512 * 1024


def is_secret_file(name: str) -> bool:
    """Files kept out of the versioned configuration, beside the stack's secrets: env files
    (``.env``, ``*.env``, ``.env.*``) and names that say they hold a secret."""
    base = name.rsplit('/', 1)[-1]
    return base == '.env' or base.startswith('.env.') or base.endswith('.env') or bool(SECRET_NAME.search(base))


def read_folder(folder: Path) -> dict[str, str]:
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_text() for p in sorted(folder.rglob('*')) if p.is_file()}


def write_folder(folder: Path, files: Mapping[str, str], *, mode: int) -> None:
    """Make ``folder`` hold exactly ``files``; an empty folder is removed."""
    for stale in sorted(folder.rglob('*'), reverse=True) if folder.is_dir() else []:
        relative = stale.relative_to(folder).as_posix()
        if stale.is_file() and relative not in files:
            stale.unlink()
        elif stale.is_dir() and not any(stale.iterdir()):
            stale.rmdir()
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True, mode=0o700 if mode == 0o600 else 0o755)
        atomic_write(folder / relative, text.encode(), mode=mode)
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def checked_files(files: Mapping[str, str]) -> dict[str, str]:
    """A stack's other files as given by a client: valid relative names, text, bounded."""
    if not isinstance(files, Mapping):
        raise InvalidInput('files: a mapping of file name to text')
    if len(files) > MAX_FILES:
        raise InvalidInput(f'files: at most {MAX_FILES} files')
    checked: dict[str, str] = {}
    for name, text in files.items():
        check_file_name(name)
        if name == 'compose.yaml':
            raise InvalidInput('files: "compose.yaml" is the stack\'s document itself; send it as "compose"')
        if not isinstance(text, str) or len(text.encode()) > MAX_FILE:
            raise InvalidInput(f'files.{name}: text of at most {MAX_FILE // 1024} KiB')
        checked[name] = text
    return checked
