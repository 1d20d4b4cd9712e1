"""The county's 政务新媒体矩阵, with placeholder QR codes drawn by segno (they encode the account's name,
not a real platform address). Idempotent."""

import io

import segno
from django.core.files.base import ContentFile

from gongkai.newmedia.models import Account, Platform
from gongkai.organizations.models import Organization

ACCOUNTS = [  # platform, name, description, operator e-mail
    (Platform.WECHAT, "沂源发布", "沂源县人民政府新闻办公室官方微信公众号", "xmt@yiyuan.example.cn"),
    (Platform.WEIBO, "沂源发布", "沂源县人民政府官方微博", "xmt@yiyuan.example.cn"),
    (Platform.DOUYIN, "沂源发布", "沂源县官方抖音号", "xmt@yiyuan.example.cn"),
    (Platform.TOUTIAO, "沂源发布", "沂源县官方今日头条号", "xmt@yiyuan.example.cn"),
    (Platform.CHANNELS, "沂源发布", "沂源县官方微信视频号", "xmt@yiyuan.example.cn"),
    (Platform.WECHAT, "沂源政务服务", "办事指南、预约与进度查询", "zwfw@yiyuan.example.cn"),
]


def _qr(text: str) -> ContentFile:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=6, border=2)
    return ContentFile(buffer.getvalue(), name="qr.png")


def load(stdout=None) -> None:
    county = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    if county is None:
        return
    created = 0
    for order, (platform, name, description, email) in enumerate(ACCOUNTS, 1):
        if Account.objects.filter(platform=platform, name=name).exists():
            continue
        account = Account(platform=platform, name=name, host=county, operator=county, description=description,
                          operator_email=email, sort_order=order)
        account.qr_image.save("qr.png", _qr(f"{Platform(platform).label}：{name}（示例二维码）"), save=False)
        account.save()
        created += 1
    if stdout:
        stdout.write(f"newmedia: {created} accounts\n")
