"""Demo 在线访谈 (gongkai load_demo): a finished interview of 县文化和旅游局 with its record, and an
upcoming one of 县政府办公室 collecting questions. Idempotent by title."""

import datetime as dt

from django.utils import timezone

from gongkai.accounts.models import User
from gongkai.demo.data.organizations import BY_KEY
from gongkai.interviews import services
from gongkai.interviews.models import Interview, Question
from gongkai.organizations.models import Organization

PAST = "全域旅游发展与乡村旅游提质升级"
UPCOMING = "政务公开与政务服务“一网通办”"
TZ = timezone.get_default_timezone()


def load(stdout=None) -> None:
    wlj = Organization.objects.filter(name=BY_KEY["wlj"].name).first()
    bgs = Organization.objects.filter(name=BY_KEY["bgs"].name).first()
    # The services refuse a change without an actor: the demo acts as the first superuser (as lists.demo does).
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if wlj is None or bgs is None or admin is None:
        return
    created = 0
    if not Interview.objects.filter(title=PAST).exists():
        # Built as an upcoming interview (questions are only taken before it), then moved to its real date.
        held = dt.datetime(2026, 11, 12, 9, 30, tzinfo=TZ)
        start = timezone.now() + dt.timedelta(days=1)
        interview = services.create_interview(admin, wlj, {
            "title": PAST, "summary": "县文化和旅游局负责同志介绍全域旅游发展情况，解读乡村旅游扶持政策，回答网友关心的问题。（示例）",
            "starts_at": start, "ends_at": start + dt.timedelta(hours=1), "questions_close_at": start,
            "video_url": "https://www.example.cn/video/zxft-2026-11.mp4"})
        director = services.add_guest(admin, interview, "周某某", "县文化和旅游局局长")
        deputy = services.add_guest(admin, interview, "吴某某", "县文化和旅游局副局长")
        services.publish(admin, interview)
        asked = [services.submit_question(interview, "沂河源游客", "乡村旅游民宿有没有扶持资金？怎么申请？"),
                 services.submit_question(interview, "", "鲁山景区冬季是否开放？"),
                 services.submit_question(interview, "广告", "加微信领红包")]
        services.moderate(admin, asked[0], True)
        services.moderate(admin, asked[1], True)
        services.moderate(admin, asked[2], False)
        for speaker, who, question, text in [
            ("host", None, None, "各位网友大家好，欢迎收看本期在线访谈。请周局长介绍一下今年全域旅游工作的总体情况。"),
            ("guest", director, None, "今年我们围绕“沂河源”品牌，完善旅游基础设施，新增乡村旅游重点村3个，全县接待游客同比增长。"),
            ("netizen", None, asked[0], "乡村旅游民宿有没有扶持资金？怎么申请？"),
            ("guest", deputy, None, "对符合条件的精品民宿给予一次性奖补，申请人可向所在镇（街道）提交材料，具体条件见县文化和旅游局发布的通知。"),
            ("netizen", None, asked[1], "鲁山景区冬季是否开放？"),
            ("guest", director, None, "鲁山景区冬季正常开放，遇雨雪天气会临时调整，请关注景区公告。"),
            ("host", None, None, "感谢两位嘉宾，本期访谈到此结束。"),
        ]:
            services.add_turn(admin, interview, {"speaker": speaker, "guest": who, "question": question, "text": text})
        Interview.objects.filter(pk=interview.pk).update(
            state=Interview.State.FINISHED, starts_at=held, ends_at=held + dt.timedelta(hours=1),
            questions_close_at=held, published_at=held - dt.timedelta(days=7))
        Question.objects.filter(interview=interview).update(submitted_at=held - dt.timedelta(days=2),
                                                            moderated_at=held - dt.timedelta(days=1))
        created += 1
    if not Interview.objects.filter(title=UPCOMING).exists():
        day = timezone.localdate() + dt.timedelta(days=10)
        start = dt.datetime(day.year, day.month, day.day, 15, 0, tzinfo=TZ)
        interview = services.create_interview(admin, bgs, {
            "title": UPCOMING, "summary": "县政府办公室负责同志介绍政务公开和“一网通办”工作，欢迎网友提前提问。（示例）",
            "starts_at": start, "ends_at": start + dt.timedelta(hours=1), "questions_close_at": start})
        services.add_guest(admin, interview, "赵某某", "县政府办公室副主任")
        services.publish(admin, interview)
        services.moderate(admin, services.submit_question(interview, "南麻居民", "依申请公开可以网上提交吗？"), True)
        services.submit_question(interview, "", "不动产登记能不能全程网办？")  # waits for moderation
        created += 1
    if stdout is not None and created:
        stdout.write(f"在线访谈演示数据：新建访谈 {created} 期。")
