from django.shortcuts import render

from gongkai.core.params import BadParameter
from gongkai.core.preferences import COOKIE_NAME, DisplayPreferences


class DisplayPreferencesMiddleware:
    """Attach the reader's display preferences to the request (request.display)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display = DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
        return self.get_response(request)


class BadParameterMiddleware:
    """A query parameter a view refused (core.params.BadParameter): the Chinese 400 page, without the
    traceback Django would log for an uncaught BadRequest — a client's typo is not the site's error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, BadParameter):
            return render(request, "400.html", status=400)
        return None
