"""The stand-in image the tests and benchmarks deploy real-world compose files with: FROM the
tests' busybox image, with an entrypoint that ignores whatever command a file gives (it becomes
``$0 $1 ...`` of ``sh -c``), serves HTTP on 80 and 8080 and stops at once on SIGTERM, even as PID 1."""
from __future__ import annotations

import io
import json
import tarfile
import time
from typing import Any

STANDIN_SCRIPT = ("trap 'exit 0' TERM INT; httpd -p 80 -h /; httpd -p 8080 -h /; "
                  'echo standin up; sleep 1000000 & wait')


def build_standin(client: Any, base: str, tag: str) -> str:
    """Build the stand-in FROM ``base`` as ``tag`` (a docker.DockerClient); returns ``tag``."""
    dockerfile = (f'FROM {base}\n'
                  f'ENTRYPOINT {json.dumps(["/bin/sh", "-c", STANDIN_SCRIPT, "--"])}\n').encode()
    context = io.BytesIO()
    with tarfile.open(fileobj=context, mode='w') as tar:
        info = tarfile.TarInfo('Dockerfile')
        info.size, info.mode, info.mtime = len(dockerfile), 0o644, int(time.time())
        tar.addfile(info, io.BytesIO(dockerfile))
    context.seek(0)
    client.images.build(fileobj=context, custom_context=True, tag=tag, rm=True, forcerm=True)
    return tag
