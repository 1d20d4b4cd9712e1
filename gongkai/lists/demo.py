"""Demo 清单 for 沂源县 (called by `gongkai load_demo`): the 权责清单 of 沂源县市场监督管理局 and 沂源县文化和
旅游局 in two published versions each (the second changes a few rows and takes effect on a later date;
the 文化和旅游局 also has a third version waiting for its 审核员), the 证明事项清单 of 沂源县民政局 with
告知承诺 marks, the 政务服务事项 of 沂源县行政审批服务局, the 随机抽查事项清单 and 年度抽查计划 of the
市场监管局 and the 行政执法人员 of the 综合行政执法局. The legal bases are the real laws; the rows are
illustrative. Idempotent: a list that exists (unit, type, title) is left as it is.
"""

import datetime as dt

from gongkai.accounts.models import User
from gongkai.lists import services
from gongkai.lists.cells import clean_row
from gongkai.lists.models import DisclosureList, ListType
from gongkai.lists.registry import load_types
from gongkai.organizations.models import Organization

D = dt.date.fromisoformat
SCJG, WLJ, MZJ, SPJ, ZHZF = ("沂源县市场监督管理局", "沂源县文化和旅游局", "沂源县民政局", "沂源县行政审批服务局",
                             "沂源县综合行政执法局")

DUTIES = {
    "行政许可": "1.受理责任：公示许可条件、程序和所需材料，一次性告知补正材料；2.审查责任：对申请材料进行审查，"
            "需要现场核查的组织核查；3.决定责任：在法定期限内作出准予或不予许可的决定，不予许可的说明理由；"
            "4.送达责任：依法送达并公开许可结果；5.事后监管责任：对被许可人履行义务情况进行监督检查。",
    "行政处罚": "1.立案责任；2.调查取证责任（执法人员不少于两人，出示执法证件）；3.审查责任；4.告知责任（陈述、申辩、"
            "听证）；5.决定责任；6.送达责任；7.执行责任；8.其他法律法规规章规定应履行的责任。",
    "行政检查": "1.检查责任：按照“双随机、一公开”要求制定并实施检查计划；2.处置责任：对检查发现的问题依法处理；"
            "3.信息公开责任：依法公开检查结果；4.其他法律法规规章规定应履行的责任。",
    "行政强制": "1.催告责任；2.决定责任：制作行政强制决定书，载明理由、依据和救济途径；3.执行责任；4.事后监管责任。",
    "其他": "1.受理责任；2.审查责任；3.决定责任；4.信息公开责任。",
}
ACCOUNTABILITY = ("因不履行或不正确履行行政职责，有下列情形的，行政机关及相关工作人员应承担相应责任：1.对符合法定条件的申请"
                  "不予受理或未在法定期限内作出决定的；2.违反法定程序实施的；3.滥用职权、玩忽职守、徇私舞弊的；"
                  "4.索取或者收受他人财物、谋取其他利益的；5.其他违反法律法规规章规定的行为。")


def _power(kind, name, basis, subject, office, duties=None):
    return {"power_type": kind, "name": name, "basis": basis, "subject": subject, "office": office,
            "duties": duties or DUTIES.get(kind, DUTIES["其他"]), "accountability": ACCOUNTABILITY}


SCJG_2019 = [
    _power("行政许可", "食品生产许可", "《中华人民共和国食品安全法》第三十五条", SCJG, "食品生产安全监督管理科"),
    _power("行政许可", "食品经营许可", "《中华人民共和国食品安全法》第三十五条", SCJG, "食品经营安全监督管理科"),
    _power("行政许可", "特种设备使用登记", "《中华人民共和国特种设备安全法》第三十三条", SCJG, "特种设备安全监察科"),
    _power("行政处罚", "对生产经营不符合食品安全标准的食品的处罚", "《中华人民共和国食品安全法》第一百二十四条", SCJG,
           "执法稽查大队"),
    _power("行政处罚", "对销售不合格产品的处罚", "《中华人民共和国产品质量法》第四十九条", SCJG, "执法稽查大队"),
    _power("行政检查", "对食品生产经营者的监督检查", "《中华人民共和国食品安全法》第一百一十条", SCJG,
           "食品生产安全监督管理科"),
    _power("行政强制", "查封、扣押不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百一十条", SCJG,
           "执法稽查大队"),
    _power("其他", "企业年度报告公示信息抽查", "《企业信息公示暂行条例》第十条", SCJG, "信用监督管理科"),
]
# 2020: 企业年度报告公示信息抽查 is folded into the 随机抽查事项清单 (removed), 药品零售许可 moves to the 行政审批服务局
# (not added here), a new 行政检查 for 特种设备, and the 食品经营许可 basis gains the 2019 implementing regulation.
SCJG_2020 = [row for row in SCJG_2019 if row["name"] != "企业年度报告公示信息抽查"]
SCJG_2020[1] = dict(SCJG_2020[1], basis="《中华人民共和国食品安全法》第三十五条；《中华人民共和国食品安全法实施条例》"
                                        "（2019年修订）第十五条")
SCJG_2020.append(_power("行政检查", "对特种设备生产、经营、使用单位的监督检查",
                        "《中华人民共和国特种设备安全法》第五十七条", SCJG, "特种设备安全监察科"))

WLJ_2019 = [
    _power("行政许可", "营业性演出审批", "《营业性演出管理条例》第九条", WLJ, "文化市场管理科"),
    _power("行政许可", "娱乐场所从事娱乐场所经营活动审批", "《娱乐场所管理条例》第九条", WLJ, "文化市场管理科"),
    _power("行政许可", "旅行社设立许可", "《中华人民共和国旅游法》第二十八条", WLJ, "旅游市场管理科"),
    _power("行政处罚", "对未经许可擅自从事营业性演出经营活动的处罚", "《营业性演出管理条例》第四十三条", WLJ,
           "文化市场综合执法大队"),
    _power("行政检查", "对文物保护单位保护状况的检查", "《中华人民共和国文物保护法》第八条", WLJ, "文物保护科"),
    _power("其他", "非物质文化遗产代表性项目认定", "《中华人民共和国非物质文化遗产法》第十八条", WLJ, "非物质文化遗产科"),
]
WLJ_2020 = [dict(row) for row in WLJ_2019]
WLJ_2020[2] = dict(WLJ_2020[2], basis="《中华人民共和国旅游法》第二十八条；《旅行社条例》第六条")
WLJ_2020.append(_power("行政处罚", "对互联网上网服务营业场所接纳未成年人的处罚",
                       "《互联网上网服务营业场所管理条例》第三十一条", WLJ, "文化市场综合执法大队"))
WLJ_2021 = [row for row in WLJ_2020 if row["name"] != "娱乐场所从事娱乐场所经营活动审批"]

PROOFS = [
    ("无犯罪记录证明", "慈善组织公开募捐资格审批", "《慈善组织公开募捐管理办法》第五条", MZJ, "公安机关", "是"),
    ("收入证明", "城乡居民最低生活保障审批", "《社会救助暂行办法》第十一条", MZJ, "申请人所在单位或村（居）民委员会", "是"),
    ("家庭财产状况证明", "特困人员救助供养审批", "《社会救助暂行办法》第十四条", MZJ, "不动产登记、车辆管理等机构", "是"),
    ("婚姻状况证明", "收养登记", "《中国公民收养子女登记办法》第六条", MZJ, "申请人户籍地婚姻登记机关", "否"),
    ("医疗机构出具的残疾等级诊断证明", "困难残疾人生活补贴申请", "《山东省困难残疾人生活补贴和重度残疾人护理补贴实施办法》",
     MZJ, "二级以上医疗机构", "否"),
    ("住所使用证明", "社会团体成立登记", "《社会团体登记管理条例》第十一条", MZJ, "产权人或房屋管理部门", "是"),
]

SERVICES = [
    ("企业设立登记", "行政许可", "法定15个工作日，承诺1个工作日", "是", "是"),
    ("食品经营许可", "行政许可", "法定20个工作日，承诺5个工作日", "是", "是"),
    ("建设工程规划许可证核发", "行政许可", "法定20个工作日，承诺7个工作日", "是", "否"),
    ("药品零售企业许可", "行政许可", "法定30个工作日，承诺10个工作日", "是", "否"),
    ("个体工商户注册登记", "行政许可", "法定15个工作日，即办", "是", "是"),
    ("医疗机构执业登记", "行政许可", "法定45个工作日，承诺15个工作日", "是", "否"),
]

CHECKS = [
    ("食品生产者执行食品安全标准情况检查", "重点检查事项", "食品生产企业", "《中华人民共和国食品安全法》第一百一十条",
     "书面检查、实地核查"),
    ("企业公示信息情况检查", "一般检查事项", "辖区内各类企业", "《企业信息公示暂行条例》第十四条", "书面检查、网络监测"),
    ("特种设备使用单位安全管理情况检查", "重点检查事项", "特种设备使用单位", "《中华人民共和国特种设备安全法》第五十七条",
     "实地核查"),
    ("产品质量监督抽查", "一般检查事项", "生产、销售企业", "《中华人民共和国产品质量法》第十五条", "抽样检验"),
]

PLAN = [
    ("2020年食品生产企业双随机抽查", "食品生产者执行食品安全标准情况检查", "全县食品生产企业", "5%", "", "2020-04-01",
     "2020-06-30"),
    ("2020年企业公示信息抽查", "企业公示信息情况检查", "全县各类企业", "3%", "沂源县税务局", "2020-07-01", "2020-10-31"),
    ("2020年特种设备使用单位部门联合抽查", "特种设备使用单位安全管理情况检查", "全县特种设备使用单位", "5%",
     "沂源县应急管理局", "2020-09-01", "2020-11-30"),
]

OFFICERS = [
    ("张伟", "3716031001", "城市管理", "南麻街道、历山街道"),
    ("刘洋", "3716031002", "城市管理", "南麻街道"),
    ("陈静", "3716031005", "市容环境卫生", "历山街道"),
    ("杨帆", "3716031008", "市政公用", "全县"),
]


def _admin():
    return User.objects.filter(is_superuser=True).order_by("pk").first()


def _list(admin, org_name: str, type_code: str, title: str, description: str = ""):
    organization = Organization.objects.filter(name=org_name).first()
    if organization is None:
        return None, False
    list_type = ListType.objects.get(code=type_code)
    existing = DisclosureList.objects.filter(organization=organization, list_type=list_type, title=title).first()
    if existing is not None:
        return existing, False
    return services.create_list(admin, organization, list_type, title, description), True


def _publish(admin, lst, label: str, effective_from: str, rows: list[dict], note: str = "", submit_only=False):
    columns = lst.list_type.columns
    checked = []
    for raw in rows:
        cells, errors = clean_row(columns, raw)
        if errors:
            raise ValueError(f"demo row of {lst.title} does not fit its type: {errors}")
        checked.append(cells)
    version = services.create_version(admin, lst, label, D(effective_from), note)
    services.replace_rows(admin, version, checked, source="demo")
    services.submit(admin, version)
    if not submit_only:
        services.approve(admin, version, "同意发布。")
    return version


def load(stdout=None) -> None:
    load_types()
    admin = _admin()
    if admin is None or not Organization.objects.filter(name=SCJG).exists():
        return
    created = 0
    lst, new = _list(admin, SCJG, "qzqd", "沂源县市场监督管理局权责清单")
    if new:
        _publish(admin, lst, "2019年版", "2019-06-01", SCJG_2019)
        _publish(admin, lst, "2020年版", "2020-09-01", SCJG_2020,
                 "依据《中华人民共和国食品安全法实施条例》（2019年修订）更新食品经营许可的依据；企业年度报告公示信息抽查"
                 "并入随机抽查事项清单；新增特种设备监督检查。")
        created += 1
    lst, new = _list(admin, WLJ, "qzqd", "沂源县文化和旅游局权责清单")
    if new:
        _publish(admin, lst, "2019年版", "2019-07-01", WLJ_2019)
        _publish(admin, lst, "2020年调整", "2020-10-15", WLJ_2020,
                 "旅行社设立许可增加《旅行社条例》依据；新增对互联网上网服务营业场所接纳未成年人的处罚。")
        _publish(admin, lst, "2021年调整（送审稿）", "2021-03-01", WLJ_2021,
                 "娱乐场所经营活动审批调整由县行政审批服务局实施。", submit_only=True)
        created += 1
    lst, new = _list(admin, MZJ, "zmsx", "沂源县民政局证明事项清单",
                     "按照国办发〔2020〕42号全面推行证明事项告知承诺制。")
    if new:
        rows = [{"name": n, "matter": m, "basis": b, "requester": r, "issuer": i, "pledge": p,
                 "guide": "http://zwfw.sd.gov.cn/"} for n, m, b, r, i, p in PROOFS]
        _publish(admin, lst, "2020年版", "2020-07-31", rows)
        created += 1
    lst, new = _list(admin, SPJ, "zwfw", "沂源县行政审批服务局政务服务事项清单")
    if new:
        rows = [{"name": n, "kind": k, "subject": SPJ, "time_limit": t, "online": o, "mobile": m,
                 "place": "沂源县政务服务中心（胜利路）", "phone": "0533-3241234", "guide": "http://zwfw.sd.gov.cn/"}
                for n, k, t, o, m in SERVICES]
        _publish(admin, lst, "2020年版", "2020-06-01", rows)
        created += 1
    lst, new = _list(admin, SCJG, "ssjsx", "沂源县市场监督管理局随机抽查事项清单")
    if new:
        rows = [{"matter": m, "category": c, "objects": o, "basis": b, "subject": SCJG, "method": w}
                for m, c, o, b, w in CHECKS]
        _publish(admin, lst, "2020年版", "2020-03-01", rows)
        created += 1
    lst, new = _list(admin, SCJG, "ssjjh", "沂源县市场监督管理局2020年度抽查计划")
    if new:
        rows = [{"task": t, "matter": m, "scope": s, "ratio": r, "lead": SCJG, "partners": p, "start": a, "end": e}
                for t, m, s, r, p, a, e in PLAN]
        _publish(admin, lst, "2020年度", "2020-03-15", rows)
        created += 1
    lst, new = _list(admin, ZHZF, "zfry", "沂源县综合行政执法局行政执法人员清单")
    if new:
        rows = [{"name": n, "subject": ZHZF, "certificate": c, "field": f, "area": a, "valid_to": "2023-12-31"}
                for n, c, f, a in OFFICERS]
        _publish(admin, lst, "2020年版", "2020-05-01", rows)
        created += 1
    if stdout is not None and created:
        stdout.write(f"清单演示数据：新建 {created} 个清单。")
