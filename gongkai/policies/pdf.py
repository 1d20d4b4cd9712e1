"""PDFs through WeasyPrint: the one-page 政策明白纸 of a policy and the quarterly digest.

The fonts are the free CJK faces the 文书 use (gongkai/letters/gbt9704.py, fonts-noto-cjk); nothing is
fetched while rendering (no server-side requests from user-entered text).
"""

from django.template.loader import render_to_string

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"


def refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"fetching {url!r} is not allowed while rendering")


def render(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, {**context, "serif": SERIF, "sans": SANS})
    return HTML(string=html, url_fetcher=refuse_fetch).write_pdf()


def flyer(policy, today, url: str) -> bytes:
    """政策明白纸: everything an enterprise needs to apply, on one A4 page."""
    return render("policies/pdf/flyer.html", {"policy": policy, "item": policy.item, "today": today, "url": url,
                                              "status": policy.status_label(today)})
