"""Demo 好差评 (gongkai load_demo): two months of evaluation records of 沂源县's service departments,
imported through the same import as the staff form (a CSV built here, deterministic). Idempotent: a file
already imported is skipped."""

import datetime as dt
import random

from gongkai.core.services import ActionRefused
from gongkai.demo.data.organizations import BY_KEY
from gongkai.organizations.models import Organization
from gongkai.ratings import services

SERVICES = {
    "spj": ["企业设立登记", "食品经营许可", "建设工程施工许可"],
    "rsj": ["社会保障卡申领", "失业保险金申领", "职工退休申请"],
    "ybj": ["异地就医备案", "门诊慢特病待遇认定"],
    "gaj": ["居民身份证换领", "户口迁移"],
    "jtysj": ["道路运输经营许可", "网约车驾驶员证核发"],
    "zrzyj": ["不动产登记", "建设用地规划许可"],
    "mzj": ["婚姻登记", "最低生活保障申请"],
    "scjgj": ["个体工商户登记", "药品经营许可"],
}
CHANNELS = ["政务服务大厅评价器", "爱山东APP", "山东政务服务网", "短信", "12345热线回访"]
COMPLAINTS = [("等候时间过长", "已在高峰时段增开2个窗口，并推行预约办理。"),
              ("工作人员解释不清楚需要的材料", "已对窗口人员开展业务培训，印发一次性告知单。"),
              ("网上办理页面多次提交失败", "已联系系统运维单位修复，并电话回访申请人完成办理。"),
              ("要求提供的证明材料过多", "已取消2项证明材料，改为部门间数据共享核验。"),
              ("办理进度查询不到", "")]
WEIGHTS = [55, 30, 10, 3, 2]  # 非常满意 … 非常不满意
LEVELS = ["非常满意", "满意", "基本满意", "不满意", "非常不满意"]


def demo_csv(year: int, month: int) -> bytes:
    rng = random.Random(f"{year}-{month}")
    lines = ["事项,部门,渠道,评价时间,等级,差评内容,整改情况"]
    for key, items in SERVICES.items():
        name = BY_KEY[key].name
        for _ in range(rng.randint(18, 40)):
            level = rng.choices(LEVELS, WEIGHTS)[0]
            day = rng.randint(1, 28)
            when = dt.datetime(year, month, day, rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))
            complaint = rectification = ""
            if level in ("不满意", "非常不满意"):
                complaint, rectification = rng.choice(COMPLAINTS)
            lines.append(",".join([rng.choice(items), name, rng.choice(CHANNELS), when.strftime("%Y-%m-%d %H:%M:%S"),
                                   level, complaint, rectification]))
    return ("\n".join(lines) + "\n").encode()


def load(stdout=None) -> None:
    if not Organization.objects.filter(name=BY_KEY["spj"].name).exists():
        return
    created = 0
    for year, month in ((2026, 10), (2026, 11)):
        try:
            result = services.import_records(None, f"好差评{year}年{month}月.csv", demo_csv(year, month))
        except ActionRefused:  # imported by an earlier run
            continue
        created += result.created
    if stdout is not None and created:
        stdout.write(f"好差评演示数据：导入评价记录 {created} 条。")
