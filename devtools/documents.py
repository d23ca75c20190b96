"""Compose documents the tests (service, REST and browser) and the screenshots share."""
from __future__ import annotations

FAILING_DB = '''services:
  db:
    image: {image}
    command: ["sh", "-c", "echo db-booting; echo password is $$DB_PASSWORD; sleep 1000000"]
    init: true
    stop_grace_period: 1s
    environment:
      DB_PASSWORD: ${{DB_PASSWORD}}
    healthcheck:
      test: ["CMD-SHELL", "echo checking the db socket; exit 1"]
      interval: 1s
      timeout: 1s
      retries: {retries}
  web:
    image: {image}
    command: ["sleep", "1000000"]
    init: true
    depends_on:
      db:
        condition: service_healthy
'''


def failing_db(image: str, retries: int) -> str:
    """A db whose health check always fails (saying so, and logging its password variable), and a
    web service that waits for it to be healthy."""
    return FAILING_DB.format(image=image, retries=retries)


def web(image: str, port: str | int, *, db: str = '') -> str:
    """One httpd service published on 127.0.0.1:``port`` (then ``db``, more document, as given)."""
    return f'''services:
  web:
    image: {image}
    command: ["httpd", "-f", "-p", "80"]
    init: true
    stop_grace_period: 1s
    ports:
      - "127.0.0.1:{port}:80"
{db}'''
