"""A small OpenAI-compatible chat-completions server for tests of the LLM path.

It listens on 127.0.0.1 (a free port), records every request (path, headers, JSON body) and
answers each one with the next canned reply from a queue::

    with FakeLLM() as llm:
        llm.push(content('{"actions": [], ...}'), http_error(400, 'response_format is not supported'))
        ... litellm.completion(model='openai/tiny', api_base=llm.base_url, ...)
        llm.requests[0].body['messages']
"""
from __future__ import annotations

import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]          # lower-case names
    body: Any                        # the parsed JSON body (None when it is not JSON)
    raw: bytes = b''


@dataclass
class Reply:
    status: int = 200
    body: Any = None                 # a dict is sent as JSON; a str or bytes as is
    delay: float = 0.0               # seconds to wait before answering
    content_type: str = 'application/json'
    headers: dict[str, str] = field(default_factory=dict)


def _completion(message: dict[str, Any], finish_reason: str, model: str = 'fake') -> dict[str, Any]:
    return {
        'id': 'chatcmpl-fake', 'object': 'chat.completion', 'created': int(time.time()), 'model': model,
        'choices': [{'index': 0, 'message': message, 'finish_reason': finish_reason, 'logprobs': None}],
        'usage': {'prompt_tokens': 10, 'completion_tokens': 10, 'total_tokens': 20},
    }


def content(text: str | dict[str, Any]) -> Reply:
    """A normal reply whose message content is ``text`` (a dict is serialised to JSON)."""
    text = json.dumps(text) if isinstance(text, dict) else text
    return Reply(body=_completion({'role': 'assistant', 'content': text}, 'stop'))


def fenced(data: dict[str, Any], lang: str = 'json') -> Reply:
    """A reply that wraps the JSON in a Markdown code fence, as small models do."""
    return content(f'Here is the plan:\n```{lang}\n{json.dumps(data, indent=2)}\n```')


def tool_call(arguments: str | dict[str, Any], name: str = 'propose_plan') -> Reply:
    """A reply that calls ``name`` with ``arguments`` (the forced tool call)."""
    arguments = json.dumps(arguments) if isinstance(arguments, dict) else arguments
    message = {'role': 'assistant', 'content': None, 'tool_calls': [
        {'id': 'call_fake1', 'type': 'function', 'function': {'name': name, 'arguments': arguments}}]}
    return Reply(body=_completion(message, 'tool_calls'))


def http_error(status: int, message: str, param: str | None = None) -> Reply:
    """An OpenAI-style error answer."""
    return Reply(status=status, body={'error': {'message': message, 'type': 'invalid_request_error',
                                                'param': param, 'code': None}})


def raw(body: str | bytes, status: int = 200, content_type: str = 'text/plain') -> Reply:
    """Whatever bytes, e.g. garbage that is not even JSON."""
    return Reply(status=status, body=body, content_type=content_type)


def slow(seconds: float, reply: Reply | None = None) -> Reply:
    """``reply`` (default: a valid empty plan) after ``seconds``."""
    reply = reply or content({'actions': [], 'questions': ['?'], 'warnings': [], 'summary': ''})
    return Reply(status=reply.status, body=reply.body, delay=seconds, content_type=reply.content_type)


class FakeLLM:
    def __init__(self) -> None:
        self.requests: list[Request] = []
        self.replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = 'HTTP/1.1'

            def log_message(self, format: str, *args: Any) -> None:   # noqa: A002 - quiet
                pass

            def do_GET(self) -> None:   # noqa: N802
                self._handle()

            def do_POST(self) -> None:   # noqa: N802
                self._handle()

            def _handle(self) -> None:
                length = int(self.headers.get('content-length') or 0)
                data = self.rfile.read(length) if length else b''
                try:
                    body = json.loads(data) if data else None
                except ValueError:
                    body = None
                with fake._lock:
                    fake.requests.append(Request(self.command, self.path, {k.lower(): v for k, v in self.headers.items()},
                                                 body, data))
                    reply = fake.replies.popleft() if fake.replies else http_error(500, 'FakeLLM: no canned reply left')
                if reply.delay and fake._stop.wait(reply.delay):
                    return
                payload = reply.body
                if isinstance(payload, dict | list):
                    if isinstance(payload, dict) and 'model' in payload and isinstance(body, dict) and 'model' in body:
                        payload = {**payload, 'model': body['model']}
                    payload = json.dumps(payload)
                out = payload.encode() if isinstance(payload, str) else (payload or b'')
                try:
                    self.send_response(reply.status)
                    self.send_header('Content-Type', reply.content_type)
                    self.send_header('Content-Length', str(len(out)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(out)
                except (BrokenPipeError, ConnectionResetError):   # the client gave up (timeout)
                    pass

        self._server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={'poll_interval': 0.05},
                                        name='fake-llm', daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f'http://127.0.0.1:{self.port}/v1'

    def push(self, *replies: Reply) -> FakeLLM:
        with self._lock:
            self.replies.extend(replies)
        return self

    def start(self) -> FakeLLM:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeLLM:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
