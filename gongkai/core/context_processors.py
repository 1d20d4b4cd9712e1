def display(request):
    """The reader's display preferences (字号, 长者模式) for the base template."""
    return {"display": getattr(request, "display", None)}
