"""The methods every address under /api/v1/ answers, the index (index.py) and the views django-ninja makes
(endpoints, OpenAPI schema, documentation page; urls.py) alike: GET and HEAD (HEAD answered as the GET, the
server drops the body), OPTIONS (the CORS preflight of a read), and for anything else a JSON 405 in
Chinese with `Allow` and the CORS headers: the API is read-only, and a write must not get the page it
would have read (django-ninja's own views answer any method)."""

from functools import wraps

from django.http import HttpResponse, JsonResponse

from gongkai.api.api import CORS_HEADERS, PREFLIGHT_HEADERS, finish_read

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS)
JSON = "application/json; charset=utf-8"


def method_not_allowed(request):
    response = JsonResponse({"detail": f"开放接口只读，该地址只接受 {ALLOW} 请求。"}, status=405,
                            json_dumps_params={"ensure_ascii": False}, content_type=JSON)
    response["Allow"] = ALLOW
    return finish_read(request, response)


def read_only(view):
    """`view` answering reads only (see the module's docstring)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for header, value in PREFLIGHT_HEADERS.items():
                response[header] = value
            return response
        if request.method not in READ_METHODS:
            return method_not_allowed(request)
        head = request.method == "HEAD"
        if head:  # django-ninja routes GET only (a HEAD was a 405): answered as the GET, the server drops the body
            request.method = "GET"
        try:
            response = view(request, *args, **kwargs)
        finally:
            if head:
                request.method = "HEAD"
        if response.status_code == 405:  # not expected after the check above; never ninja's English text/html
            return method_not_allowed(request)
        if not all(response.has_header(header) for header in CORS_HEADERS):  # not made by api.create_response
            response = finish_read(request, response)
        return response

    return wrapped
