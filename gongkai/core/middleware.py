from gongkai.core.preferences import COOKIE_NAME, DisplayPreferences


class DisplayPreferencesMiddleware:
    """Attach the reader's display preferences to the request (request.display)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.display = DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
        return self.get_response(request)
