from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "Gongkai core"

    def ready(self):
        from django.conf import settings

        from gongkai.core import staticstorage  # noqa: F401  (system check: static files collected)
        from gongkai.core.forms import install_single_line_bidi_refusal

        install_single_line_bidi_refusal()  # every form's titles, names and subjects (core/forms.py)

        if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
            from gongkai.core import pgarrays

            pgarrays.register()
