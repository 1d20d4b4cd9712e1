from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gongkai.demo.data.users import DEMO_ENROLMENT_CODE
from gongkai.demo.loader import Loader


class Command(BaseCommand):
    help = "Load the 沂源县 demo data (organizations, users, items). Idempotent: a second run creates nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--production", action="store_true",
            help="Load even though the site is configured for HTTPS (production). The demo users' password is public.",
        )

    def handle(self, *args, **options):
        if settings.HTTPS and not options["production"]:
            raise CommandError(
                "拒绝加载演示数据：本站按生产环境配置（HTTPS），演示账号的密码是公开的。"
                "确需加载请加 --production。 / Refusing to load demo data on a production-configured site "
                "(the demo users' password is public); pass --production to override."
            )
        loader = Loader()
        counts = loader.run()
        self.stdout.write(counts.summary())
        self.stdout.write(f"演示账号首次设置两步验证时的绑定码：{DEMO_ENROLMENT_CODE}（与密码一样公开，仅限演示数据）。\n"
                          f"Demo users' two-factor enrolment code: {DEMO_ENROLMENT_CODE} (public like the password).")
        if loader.extension_output:
            self.stdout.write(loader.extension_output, ending="")
