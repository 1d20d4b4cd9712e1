from gongkai.core.params import header_query
from gongkai.core.preferences import back_path


def display(request):
    """The reader's display preferences (字号, 长者模式) for the base template, and the page's
    address the switches send the reader back to; the header search box's words (control characters dropped)."""
    return {"display": getattr(request, "display", None), "back_path": back_path(request),
            "header_q": header_query(request)}
