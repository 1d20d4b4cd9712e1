"""Links that other apps add to an item's staff page (e.g. 同步推送 to 政务新媒体), without publishing
importing them: `register(provider)` in their AppConfig.ready(); provider(request, item) -> [(label, url)]."""

_PROVIDERS = []


def register(provider) -> None:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)


def links(request, item) -> list[tuple[str, str]]:
    return [link for provider in _PROVIDERS for link in provider(request, item)]
