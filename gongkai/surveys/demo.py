"""Demo 征集调查 (gongkai load_demo): a closed survey of 县文化和旅游局 with answers and published results,
and an open call for opinions of 县政府办公室. Idempotent by title."""

import datetime as dt
import random

from django.http import QueryDict
from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.demo.data.organizations import BY_KEY
from gongkai.organizations.models import Organization
from gongkai.surveys import services
from gongkai.surveys.models import Survey

CLOSED = "沂源县公共文化服务满意度调查"
OPEN = "政府网站和政务新媒体改进意见征集"


def load(stdout=None) -> None:
    wlj = Organization.objects.filter(name=BY_KEY["wlj"].name).first()
    bgs = Organization.objects.filter(name=BY_KEY["bgs"].name).first()
    # The services refuse a change without an actor: the demo acts as the first superuser (as lists.demo does).
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if wlj is None or bgs is None or admin is None:
        return
    created = 0
    if not Survey.objects.filter(title=CLOSED).exists():
        today = timezone.localdate()
        survey = services.create_survey(admin, wlj, {
            "title": CLOSED, "description": "为提升公共文化服务水平，现就图书馆、文化馆和农家书屋的服务情况征求意见。（示例）",
            "opens_on": today - dt.timedelta(days=40), "closes_on": today + dt.timedelta(days=1), "results_public": True})
        q1 = services.add_question(admin, survey, "single", "您对县图书馆、文化馆的服务总体是否满意？", "满意\n基本满意\n不满意")
        q2 = services.add_question(admin, survey, "multiple", "您希望增加哪些文化服务？（可多选）",
                                   "延长开放时间\n增加文艺演出\n增加公益培训\n农家书屋更新图书")
        q3 = services.add_question(admin, survey, "text", "其他意见和建议", required=False)
        services.publish(admin, survey)
        rng = random.Random(14)
        options1, options2 = list(q1.options.all()), list(q2.options.all())
        for index in range(46):
            data = QueryDict(mutable=True)
            data.setlist(f"q{q1.pk}", [str(rng.choices(options1, [60, 30, 10])[0].pk)])
            data.setlist(f"q{q2.pk}", [str(o.pk) for o in rng.sample(options2, rng.randint(1, 3))])
            if index % 9 == 0:
                data[f"q{q3.pk}"] = "希望周末晚上也能开放自习室。"
            services.submit_response(survey, f"demo-{index}", data)
        Survey.objects.filter(pk=survey.pk).update(closes_on=today - dt.timedelta(days=5))
        created += 1
    if not Survey.objects.filter(title=OPEN).exists():
        today = timezone.localdate()
        survey = services.create_survey(admin, bgs, {
            "title": OPEN, "description": "为办好县政府网站和政务新媒体，诚邀您提出意见建议。（示例）",
            "opens_on": today - dt.timedelta(days=3), "closes_on": today + dt.timedelta(days=27), "results_public": True})
        services.add_question(admin, survey, "single", "您通过什么渠道了解县政府信息？", "县政府网站\n政务微信公众号\n爱山东APP\n其他")
        services.add_question(admin, survey, "text", "您对网站改进的意见", required=False)
        services.publish(admin, survey)
        created += 1
    if stdout is not None and created:
        stdout.write(f"征集调查演示数据：新建调查 {created} 项。")
