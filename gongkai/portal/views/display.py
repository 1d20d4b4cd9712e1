"""Reader display preferences (字号, 长者模式): a plain form, a cookie, a redirect. No JavaScript."""

from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from gongkai.core.preferences import COOKIE_MAX_AGE, COOKIE_NAME, FONT_SIZES, DisplayPreferences

ELDER_VALUES = {"on": True, "off": False}


def _safe_next(request) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("portal:home")


@require_POST
def preferences(request):
    current = getattr(request, "display", None) or DisplayPreferences.from_cookie(request.COOKIES.get(COOKIE_NAME))
    font = request.POST.get("font")
    elder = ELDER_VALUES.get(request.POST.get("elder", ""), current.elder)
    chosen = DisplayPreferences(font=font if font in FONT_SIZES else current.font, elder=elder)
    response = HttpResponseRedirect(_safe_next(request))
    response.set_cookie(
        COOKIE_NAME, chosen.to_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True,
        secure=request.is_secure(),
    )
    return response
