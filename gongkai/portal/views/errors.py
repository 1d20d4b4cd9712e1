"""The CSRF failure page (settings.CSRF_FAILURE_VIEW): the site's layout, in the visitor's language, saying what
to do, instead of Django's bare English page that tells a citizen to set DEBUG."""

from django.conf import settings
from django.shortcuts import render


def csrf_failure(request, reason=""):
    # Rendered with the request (context processors: the site, the display settings), unlike Django's own view.
    return render(request, "403_csrf.html", {"reason": reason if settings.DEBUG else ""}, status=403)
