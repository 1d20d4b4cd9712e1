"""Reader preferences: 字号 (font size), 长者模式 (elder mode) and the interface language.

The switches on every page are plain GET links (core/templates/includes/display_controls.html), so
pages carry no form token and stay cacheable (docs/decisions/0007-page-cache.md); they work with and
without JavaScript. 字号/长者模式 are kept in a cookie; the language is the URL's (i18n_patterns), so
switching it only sends the reader to the same page in the other language. Either way the reader is
sent back to `next` when it is a path of this site, else to the home page.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from gongkai.core.preferences import COOKIE_MAX_AGE, COOKIE_NAME, FONT_SIZES, DisplayPreferences

ELDER_VALUES = {"on": True, "off": False}
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _safe_next(request, data) -> str:
    target = data.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("portal:home")


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    data = request.POST if request.method == "POST" else request.GET
    target = _safe_next(request, data)
    language = data.get("language", "")
    if language in LANGUAGES:
        return HttpResponseRedirect(translate_url(target, language))
    current = getattr(request, "display", None) or DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
    font = data.get("font")
    elder = ELDER_VALUES.get(data.get("elder", ""), current.elder)
    chosen = DisplayPreferences(font=font if font in FONT_SIZES else current.font, elder=elder)
    response = HttpResponseRedirect(target)
    if chosen == DisplayPreferences():
        # The default display: no cookie, so the reader gets the shared (cached) pages again.
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(
            COOKIE_NAME, chosen.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
            secure=request.is_secure(),
        )
    return response
