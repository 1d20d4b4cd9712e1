"""gongkai reset_two_factor USERNAME: remove a user's authenticator and recovery codes (a lost phone
and lost codes); the next login enrols again. Audited."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from gongkai.accounts import twofactor


class Command(BaseCommand):
    help = "重置用户的两步验证（删除其验证器和恢复码），下次登录时重新设置。"

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"找不到用户：{username}")
        twofactor.reset(None, user)
        self.stdout.write(self.style.SUCCESS(f"已重置 {username} 的两步验证，下次登录时重新设置。"))
