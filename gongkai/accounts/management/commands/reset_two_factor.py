"""gongkai reset_two_factor USERNAME: remove a user's authenticator and recovery codes (a lost phone
and lost codes) and print the 绑定码 the next login enrols with (accounts.enrolment). Audited.

For an account that has no authenticator yet it removes nothing and only issues a new 绑定码 (an expired
one, an account that predates 绑定码s). 「重置两步验证」 on the unit's 本单位账号 page does the same through the same
function (`twofactor.reset`, via `passwords.reset_two_factor`, which checks who may)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts import enrolment, twofactor


class Command(BaseCommand):
    help = "重置用户的两步验证（删除其验证器和恢复码），并生成下次登录重新绑定时须输入的绑定码。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"找不到用户：{username}")
        code = twofactor.reset(None, user)
        self.stdout.write(self.style.SUCCESS(f"已重置 {username} 的两步验证，下次登录时重新设置。"))
        if code:
            self.stdout.write(f"绑定码：{code}")
            self.stdout.write(f"只显示这一次，{enrolment.code_days()}天内有效，只能使用一次；"
                              "请与密码分开（例如当面或电话）告知本人。")
