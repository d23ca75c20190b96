"""Every error leaves as JSON ``{"error": {"code", "message"}}``; never a traceback."""
from __future__ import annotations

import logging
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from deployer.errors import DeployerError, NeedsConfirmation

log = logging.getLogger(__name__)

CODES = {400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found',
         405: 'method_not_allowed', 409: 'conflict', 413: 'too_large', 415: 'unsupported_media_type',
         422: 'invalid_input', 429: 'too_many_requests', 503: 'engine_unavailable'}


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({'error': {'code': code, 'message': message, **extra}}, status_code=status)


async def deployer_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DeployerError)
    if isinstance(exc, NeedsConfirmation):  # echo the plan back
        return JSONResponse({'error': {'code': exc.code, 'message': exc.message},
                             'plan': exc.plan.model_dump(mode='json')}, status_code=exc.status)
    return error_response(exc.status, exc.code, exc.message, **getattr(exc, 'details', {}))


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{'location': [str(p) for p in e.get('loc', ())], 'message': e.get('msg', '')} for e in exc.errors()]
    first = details[0] if details else {'location': [], 'message': 'invalid request'}
    where = '.'.join(first['location'][1:] if len(first['location']) > 1 else first['location'])
    return error_response(422, 'invalid_input', f'{where}: {first["message"]}' if where else first['message'],
                          details=details)


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error('unexpected error on %s %s', request.method, request.url.path, exc_info=exc)
    return error_response(500, 'internal', 'internal error; the server log has the details')


def http_error_json(exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else 'request failed'
    if exc.status_code == 404:
        message = 'no such API path' if message == 'Not Found' else message
    return error_response(exc.status_code, CODES.get(exc.status_code, 'error'), message)
