"""The 26 试点领域 of 基层政务公开标准化规范化 and the 公开事项 shipped for each.

Sources
-------
- The domains: 《开展基层政务公开标准化规范化试点工作方案》(国办发〔2017〕42号, 2017-05-09) named the pilot
  areas; 《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》(国办发〔2019〕54号) asks every
  基层政府 to compile its catalog against the 26 领域 标准指引 the 国务院部门 issued in 2019. Each
  domain's `guide` names its 指引. The list of the issue was checked against them: the 2017 方案's
  “环境保护” is the 生态环境部's 《生态环境领域基层政务公开标准指引》(环办厅函〔2019〕672号), so the domain
  is named 生态环境 (as the issue has it); the other 25 names agree with the county catalogs published
  after the 指引 (e.g. 宿迁市宿豫区井头街道 and 通海县九龙街道 基层政务公开标准目录汇编, 2021 and 2024).
- Full rows (内容, 依据, 时限, 主体, 渠道, 对象, 方式, 层级) are shipped for two domains only, where published
  county catalogs built on the 指引 agree row by row:
  * 义务教育: 教育部《义务教育领域基层政务公开标准指引》as published in county catalogs (大姚县石羊镇 2023,
    厦门市翔安区香山街道 2024, 上海市青浦区教育局 2023, 济宁市兖州区教育和体育局 2021).
  * 财政预决算: 财政部《财政预决算领域基层政务公开标准指引》, with 《中华人民共和国预算法》第十四条 (本级预算、
    决算批准后20日内; 部门预算、决算批复后20日内) and 《地方预决算公开操作规程》(财预〔2016〕143号).
- For the other 24 domains the 一级/二级事项 are the ones common to the published county catalogs; their
  公开内容 and 依据 are left to the catalog the county imports from its province or city (the XLSX import
  is the main path, docs/standards.md). Their 时限 is the 条例第二十六条 default (信息形成或者变更之日起20个
  工作日内), which applies whenever no law sets another period.
"""

WORKDAYS_TEXT = "信息形成或者变更之日起20个工作日内"
REGULATION = "《中华人民共和国政府信息公开条例》"
WEB = "政府网站"

# (code, name, 指引)
DOMAINS = [
    ("major-projects", "重大建设项目", "国家发展改革委《重大建设项目领域基层政务公开标准指引》"),
    ("public-resources", "公共资源交易", "国家发展改革委《公共资源交易领域基层政务公开标准指引》"),
    ("budget", "财政预决算", "财政部《财政预决算领域基层政务公开标准指引》"),
    ("work-safety", "安全生产", "应急管理部《安全生产领域基层政务公开标准指引》"),
    ("taxation", "税收管理", "税务总局《税收管理领域基层政务公开标准指引》"),
    ("land-acquisition", "征地补偿", "自然资源部《征地补偿领域基层政务公开标准指引》"),
    ("housing-expropriation", "国有土地上房屋征收与补偿", "住房城乡建设部《国有土地上房屋征收与补偿领域基层政务公开标准指引》"),
    ("rural-housing", "农村危房改造", "住房城乡建设部《农村危房改造领域基层政务公开标准指引》"),
    ("urban-enforcement", "城市综合执法", "住房城乡建设部《城市综合执法领域基层政务公开标准指引》"),
    ("poverty", "扶贫", "国务院扶贫办《扶贫领域基层政务公开标准指引》"),
    ("disaster-relief", "救灾", "应急管理部《救灾领域基层政务公开标准指引》"),
    ("food-drug", "食品药品监管", "市场监管总局、国家药监局《食品药品监管领域基层政务公开标准指引》"),
    ("planning", "城乡规划", "自然资源部《城乡规划领域基层政务公开标准指引》"),
    ("environment", "生态环境", "生态环境部《生态环境领域基层政务公开标准指引》（环办厅函〔2019〕672号）"),
    ("public-culture", "公共文化服务", "文化和旅游部《公共文化服务领域基层政务公开标准指引》"),
    ("legal-services", "公共法律服务", "司法部《公共法律服务领域基层政务公开标准指引》"),
    ("health", "医疗卫生", "国家卫生健康委《医疗卫生领域基层政务公开标准指引》"),
    ("household", "户籍管理", "公安部《户籍管理领域基层政务公开标准指引》"),
    ("social-assistance", "社会救助", "民政部《社会救助领域基层政务公开标准指引》"),
    ("elderly-care", "养老服务", "民政部《养老服务领域基层政务公开标准指引》"),
    ("farm-subsidies", "涉农补贴", "财政部、农业农村部《涉农补贴领域基层政务公开标准指引》"),
    ("employment", "就业", "人力资源社会保障部《就业领域基层政务公开标准指引》"),
    ("social-insurance", "社会保险", "人力资源社会保障部《社会保险领域基层政务公开标准指引》"),
    ("compulsory-education", "义务教育", "教育部《义务教育领域基层政务公开标准指引》"),
    ("municipal-services", "市政服务", "住房城乡建设部《市政服务领域基层政务公开标准指引》"),
    ("affordable-housing", "保障性住房", "住房城乡建设部《保障性住房领域基层政务公开标准指引》"),
]

# 事项 lists: domain code → [(一级事项, [二级事项, …])]. Rows carry the 条例 default 时限.
MATTER_LISTS = {
    "major-projects": [
        ("批准服务信息", ["申报要求", "办理结果"]),
        ("批准结果信息", ["审批结果", "核准结果", "备案结果"]),
        ("招标投标信息", ["招标投标信息"]),
        ("征收土地信息", ["征收土地信息"]),
        ("重大设计变更信息", ["重大设计变更信息"]),
        ("施工有关信息", ["施工有关信息"]),
        ("质量安全监督信息", ["质量安全监督信息"]),
        ("竣工有关信息", ["竣工验收信息"]),
    ],
    "public-resources": [
        ("工程建设项目招标投标信息", ["审批核准信息", "资格预审公告", "招标公告", "中标候选人公示", "中标结果公示"]),
        ("政府采购信息", ["法律法规及政策文件", "采购项目公告", "采购结果公告", "采购合同公告"]),
        ("国有土地使用权和矿业权出让信息", ["出让公告", "成交结果"]),
        ("国有产权交易信息", ["产权转让公告", "交易结果"]),
    ],
    "work-safety": [
        ("法规文件", ["法律法规及政策文件"]),
        ("行政许可", ["安全生产行政许可"]),
        ("行政处罚", ["安全生产行政处罚"]),
        ("监督检查", ["安全生产监督检查"]),
        ("事故调查处理", ["生产安全事故信息", "事故调查报告"]),
        ("应急管理", ["安全生产应急预案"]),
    ],
    "taxation": [
        ("税收政策", ["税收法律法规及政策"]),
        ("办税服务", ["办税指南"]),
        ("纳税信用", ["纳税信用A级纳税人名单"]),
        ("税务执法", ["重大税收违法失信案件", "非正常户认定"]),
    ],
    "land-acquisition": [
        ("征地前期", ["征地告知", "拟征收土地现状调查结果"]),
        ("征地审批", ["征收土地批准文件"]),
        ("征地实施", ["征收土地公告", "征地补偿安置方案公告"]),
        ("补偿安置", ["补偿安置落实情况"]),
    ],
    "housing-expropriation": [
        ("政策文件", ["征收补偿政策"]),
        ("征收决定", ["征收补偿方案征求意见", "征收决定公告"]),
        ("征收补偿", ["评估机构选定", "分户补偿结果"]),
    ],
    "rural-housing": [
        ("政策文件", ["农村危房改造政策"]),
        ("补助对象认定", ["申请条件和程序", "评议审核结果"]),
        ("补助资金", ["补助标准", "补助资金发放"]),
        ("改造结果", ["竣工验收结果"]),
    ],
    "urban-enforcement": [
        ("执法依据", ["法律法规及权责清单"]),
        ("执法主体", ["执法主体和执法人员"]),
        ("执法程序", ["执法流程"]),
        ("执法结果", ["行政处罚决定"]),
        ("监督投诉", ["投诉举报渠道"]),
    ],
    "poverty": [
        ("政策文件", ["扶贫政策"]),
        ("贫困识别", ["贫困户识别结果"]),
        ("扶贫项目", ["扶贫项目库", "扶贫项目实施情况"]),
        ("扶贫资金", ["扶贫资金分配结果", "扶贫资金使用情况"]),
        ("脱贫退出", ["脱贫退出结果"]),
    ],
    "disaster-relief": [
        ("灾害信息", ["灾害预警信息", "灾情信息"]),
        ("救灾资金物资", ["救灾资金物资分配使用"]),
        ("受灾人员救助", ["救助对象和标准"]),
        ("应急预案", ["自然灾害救助应急预案"]),
    ],
    "food-drug": [
        ("政策法规", ["法律法规及政策文件"]),
        ("行政许可", ["食品经营许可", "药品零售许可"]),
        ("监督检查", ["抽样检验信息", "日常监督检查结果"]),
        ("行政处罚", ["行政处罚决定"]),
        ("风险警示", ["消费提示和风险警示"]),
    ],
    "planning": [
        ("规划编制", ["规划草案征求意见", "批准的规划"]),
        ("规划许可", ["建设项目选址意见书", "建设用地规划许可证", "建设工程规划许可证", "乡村建设规划许可证"]),
        ("规划监督", ["违法建设查处"]),
    ],
    "environment": [
        ("环境质量", ["环境质量信息"]),
        ("环境影响评价", ["受理情况", "拟审批公示", "审批决定"]),
        ("排污许可", ["排污许可信息"]),
        ("监督执法", ["执法检查", "行政处罚决定"]),
        ("突发环境事件", ["突发环境事件信息"]),
    ],
    "public-culture": [
        ("政策文件", ["公共文化服务政策"]),
        ("公共文化机构", ["场馆名录和开放时间"]),
        ("公共文化活动", ["文化活动信息"]),
        ("文物保护", ["文物保护单位名录"]),
    ],
    "legal-services": [
        ("律师服务", ["律师事务所和律师名录"]),
        ("公证服务", ["公证机构和办理指南"]),
        ("法律援助", ["法律援助申请条件和程序"]),
        ("人民调解", ["人民调解组织"]),
        ("法治宣传", ["普法活动"]),
    ],
    "health": [
        ("政策文件", ["卫生健康政策"]),
        ("医疗机构", ["医疗机构执业登记"]),
        ("公共卫生服务", ["基本公共卫生服务项目", "传染病疫情信息"]),
        ("计划生育服务", ["计划生育奖励扶助"]),
        ("监督执法", ["卫生监督检查结果"]),
    ],
    "household": [
        ("户口登记", ["出生登记", "户口迁移"]),
        ("居民身份证", ["居民身份证办理"]),
        ("居住证", ["居住证办理"]),
    ],
    "social-assistance": [
        ("最低生活保障", ["低保政策", "低保审核确认结果", "低保金发放"]),
        ("特困人员救助供养", ["特困人员认定结果"]),
        ("临时救助", ["临时救助政策和结果"]),
        ("医疗救助", ["医疗救助政策"]),
    ],
    "elderly-care": [
        ("政策文件", ["养老服务政策"]),
        ("养老机构", ["养老机构备案和名录"]),
        ("老年人福利", ["高龄津贴", "养老服务补贴"]),
    ],
    "farm-subsidies": [
        ("补贴政策", ["补贴政策文件"]),
        ("补贴对象", ["申请条件和程序", "补贴对象公示"]),
        ("补贴发放", ["补贴标准", "补贴发放结果"]),
    ],
    "employment": [
        ("就业政策", ["就业创业政策"]),
        ("就业服务", ["招聘信息", "职业培训"]),
        ("就业补贴", ["补贴申领", "补贴发放结果"]),
        ("创业扶持", ["创业担保贷款"]),
    ],
    "social-insurance": [
        ("政策文件", ["社会保险政策"]),
        ("参保缴费", ["参保登记", "缴费标准"]),
        ("待遇享受", ["养老保险待遇", "工伤保险待遇", "失业保险待遇"]),
        ("基金监管", ["社会保险基金收支"]),
    ],
    "municipal-services": [
        ("公用事业", ["供水供气供热"]),
        ("市政设施", ["市政设施建设"]),
        ("园林绿化", ["园林绿化"]),
        ("环境卫生", ["环境卫生"]),
    ],
    "affordable-housing": [
        ("政策文件", ["保障性住房政策"]),
        ("保障对象", ["申请条件", "审核结果公示"]),
        ("房源分配", ["房源信息", "分配结果"]),
        ("退出管理", ["退出管理"]),
    ],
}

# Full rows: (一级事项, 二级事项, 公开内容, 公开依据, 公开时限, 公开主体, 渠道, 对象, 方式, 县级, 乡级)
EDU_ENROL = REGULATION + "《教育部关于进一步做好小学升入初中免试就近入学工作的实施意见》《教育部关于推进中小学信息公开工作的意见》"
EDU_SUBJECT = "县教育和体育局"
EDU_CHANNELS = "政府网站、两微一端、公开查阅点"
FULL_ROWS = {
    "compulsory-education": [
        ("政策文件", "教育法律", "《中华人民共和国教育法》《中华人民共和国义务教育法》《中华人民共和国民办教育促进法》"
         "《中华人民共和国教师法》等", REGULATION, WORKDAYS_TEXT, EDU_SUBJECT, WEB, "all", "proactive", True, False),
        ("政策文件", "规范性文件", "部门和地方政府规章、各类教育政策文件", REGULATION, WORKDAYS_TEXT, EDU_SUBJECT,
         "政府网站、政府公报", "all", "proactive", True, False),
        ("教育概况", "教育事业发展主要情况", "教育事业发展主要情况", "《中华人民共和国统计法》" + REGULATION + "《教育统计管理规定》",
         WORKDAYS_TEXT, EDU_SUBJECT, EDU_CHANNELS, "all", "proactive", True, False),
        ("教育概况", "教育统计数据", "学校数据、在校生数据、教师数据、办学条件数据、县级汇总数据",
         "《中华人民共和国统计法》" + REGULATION + "《教育统计管理规定》", WORKDAYS_TEXT, EDU_SUBJECT, EDU_CHANNELS,
         "all", "proactive", True, False),
        ("教育概况", "义务教育学校名录", "学校名称、学校地址、办学层次、办学类型、办公电话", REGULATION, WORKDAYS_TEXT,
         EDU_SUBJECT, EDU_CHANNELS, "all", "proactive", True, False),
        ("民办学校信息", "民办学校设立、变更、终止审批信息", "法律依据、办理流程、审批结果",
         "《中华人民共和国民办教育促进法》" + REGULATION, WORKDAYS_TEXT, "县行政审批服务局", WEB, "all", "proactive",
         True, False),
        ("民办学校信息", "民办学校办学基本信息", "学校名称、办学许可证、办学规模、联系方式",
         "《中华人民共和国民办教育促进法》" + REGULATION, WORKDAYS_TEXT, EDU_SUBJECT, WEB, "all", "proactive",
         True, False),
        ("招生管理", "招生政策", "各校招生工作实施方案；随迁子女入学办法；适龄儿童少年延缓入学、休学等特殊需求的政策解读",
         EDU_ENROL, WORKDAYS_TEXT, EDU_SUBJECT, "政府网站、两微一端、广播电视、纸质媒体、公开查阅点、社区/村公示栏", "all",
         "proactive", True, True),
        ("招生管理", "招生计划", "各校本年度招生计划", EDU_ENROL, WORKDAYS_TEXT, EDU_SUBJECT, EDU_CHANNELS, "all",
         "proactive", True, True),
        ("招生管理", "招生范围", "招生范围、学区划分详细情况", EDU_ENROL, WORKDAYS_TEXT, EDU_SUBJECT, EDU_CHANNELS, "all",
         "proactive", True, True),
        ("招生管理", "学校介绍", "办学性质、办学地点、办学规模、办学基本条件、联系方式等", EDU_ENROL, WORKDAYS_TEXT,
         "各义务教育学校", EDU_CHANNELS, "all", "proactive", True, True),
        ("学生资助", "义务教育学生资助政策", "统一城乡义务教育“两免一补”政策",
         REGULATION + "《国务院关于进一步完善城乡义务教育经费保障机制的通知》", WORKDAYS_TEXT, EDU_SUBJECT, EDU_CHANNELS,
         "all", "proactive", True, True),
        ("财务信息", "财务信息", "财务管理及监督办法、年度经费预决算信息、收费项目及收费标准", REGULATION, WORKDAYS_TEXT,
         "各义务教育学校", "政府网站、公开查阅点", "all", "proactive", True, True),
        ("重要政策执行情况", "控辍保学", "辖区内控辍保学实施情况", REGULATION, WORKDAYS_TEXT, "各镇人民政府（街道办事处）",
         WEB, "all", "proactive", False, True),
    ],
    "budget": [
        ("政府预决算", "政府预算", "经本级人民代表大会批准的一般公共预算、政府性基金预算、国有资本经营预算、社会保险基金预算的报表和"
         "报告；重要事项说明（转移支付、举借债务、“三公”经费）", "《中华人民共和国预算法》第十四条第一款、《地方预决算公开操作规程》",
         "本级预算批准后20日内", "县财政局；各镇人民政府（街道办事处）", "政府网站、政府公报", "all", "proactive", True, True),
        ("政府预决算", "政府决算", "经本级人民代表大会常务委员会批准的决算报表和报告", "《中华人民共和国预算法》第十四条第一款",
         "本级决算批准后20日内", "县财政局；各镇人民政府（街道办事处）", "政府网站、政府公报", "all", "proactive", True, True),
        ("政府预决算", "预算调整", "经批准的预算调整方案", "《中华人民共和国预算法》第十四条、第六十九条",
         "预算调整方案批准后20日内", "县财政局", WEB, "all", "proactive", True, False),
        ("部门预决算", "部门预算", "经财政部门批复的部门预算（收支总表、财政拨款收支表等）及说明", "《中华人民共和国预算法》第十四条第二款",
         "部门预算批复后20日内", "各部门、单位", WEB, "all", "proactive", True, False),
        ("部门预决算", "部门决算", "经财政部门批复的部门决算及说明", "《中华人民共和国预算法》第十四条第二款",
         "部门决算批复后20日内", "各部门、单位", WEB, "all", "proactive", True, False),
        ("部门预决算", "“三公”经费预决算", "因公出国（境）费、公务用车购置及运行费、公务接待费的预算、决算及增减变化原因",
         "《中华人民共和国预算法》第十四条、《地方预决算公开操作规程》", "部门预算、决算批复后20日内", "各部门、单位", WEB,
         "all", "proactive", True, False),
        ("政府债务", "政府债务限额和余额", "政府债务限额、余额、使用安排及还本付息", "《中华人民共和国预算法》第十四条、"
         "《地方政府债务信息公开办法（试行）》", "每年", "县财政局", WEB, "all", "proactive", True, False),
        ("财政专项资金", "专项资金管理办法和分配结果", "专项资金管理办法、申报指南、分配结果", REGULATION, WORKDAYS_TEXT, "县财政局、各主管部门",
         WEB, "all", "proactive", True, False),
    ],
}


def rows():
    """Every standard row as a dict, in order: (domain code, domain name, 指引, [matter dicts])."""
    for order, (code, name, guide) in enumerate(DOMAINS, start=1):
        matters = []
        if code in FULL_ROWS:
            for (l1, l2, content, basis, deadline, subject, channels, audience, mode, county,
                 township) in FULL_ROWS[code]:
                matters.append({"level1": l1, "level2": l2, "content": content, "basis": basis,
                                "deadline_text": deadline, "subject": subject, "channels": channels,
                                "audience": audience, "mode": mode, "county_level": county,
                                "township_level": township})
        else:
            for l1, level2s in MATTER_LISTS[code]:
                for l2 in level2s:
                    matters.append({"level1": l1, "level2": l2, "deadline_text": WORKDAYS_TEXT, "basis": REGULATION,
                                    "channels": WEB, "county_level": True, "township_level": True})
        yield order, code, name, guide, matters
