"""PDFs through WeasyPrint: the one-page 政策明白纸 of a policy and the quarterly digest.

The fonts are the free CJK faces the 文书 use (gongkai/letters/gbt9704.py, fonts-noto-cjk); nothing is
fetched while rendering (no server-side requests from user-entered text).
"""

from django.template.loader import render_to_string

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"fetching {url!r} is not allowed while rendering")


# Body sizes (pt) tried in turn until the 政策明白纸 fits one page.
FLYER_SIZES = (11, 10, 9, 8)


def _document(template: str, context: dict, size: float = 11):
    from weasyprint import HTML

    html = render_to_string(template, {**context, "serif": SERIF, "sans": SANS, "size": size})
    return HTML(string=html, url_fetcher=refuse_fetch).render()


def render(template: str, context: dict) -> bytes:
    return _document(template, context).write_pdf()


def flyer(policy, today, url: str) -> bytes:
    """政策明白纸: everything an enterprise needs to apply, on one A4 page (smaller type for long policies;
    a policy too long even at the smallest size runs on, rather than being cut)."""
    context = {"policy": policy, "item": policy.item, "today": today, "url": url, "status": policy.status_label(today)}
    for size in FLYER_SIZES:
        document = _document("policies/pdf/flyer.html", context, size)
        if len(document.pages) == 1:
            break
    return document.write_pdf()
