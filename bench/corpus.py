"""A reproducible corpus of government documents recombined from real Chinese text.

Sentences come from the 沂源县2020年政务公开工作要点 (../shared/seed) and the 政府信息公开条例
(../shared/spec/regulation-2019.md) when the shared folder is there, else from the test corpus in
gongkai/search/tests/data (a few KB of the same texts). Titles, 文号, dates, topics, validity and catalog
paths are drawn with a fixed seed, so every run builds the same documents.
"""

import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT.parent / "shared" / "seed" / "yiyuan-2020-work-plan.txt", ROOT.parent / "shared" / "spec" / "regulation-2019.md"]
FALLBACK = ROOT / "gongkai" / "search" / "tests" / "data" / "corpus.txt"
TOPICS = ["综合政务", "财政、金融、审计", "农业、林业、水利", "城乡建设、环境保护", "科技、教育", "卫生、体育",
          "民政、扶贫、救灾", "劳动、人事、监察", "市场监管、安全生产监管", "工业、交通"]
VALIDITY = ["有效", "有效", "有效", "已修改", "已废止", "已失效"]
TITLE_FORMS = ["关于{}的通知", "关于印发{}的通知", "关于{}的实施意见", "{}", "关于{}的公告", "关于进一步做好{}的通知"]
DOC_PREFIXES = ["源政办字", "源政字", "源政发", "源教体字", "源财字", "源卫健字", "源农字", "源住建字"]


def sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SOURCES if p.exists()] or [FALLBACK.read_text(encoding="utf-8")]
    found = []
    for text in texts:
        for piece in re.split(r"(?<=[。；！？])|\n", text):
            piece = piece.strip().lstrip("#").strip()
            if len(piece) >= 8 and not piece.startswith("#"):
                found.append(piece)
    return found


def documents(count: int, organizations: list[dict], seed: int = 20201110):
    """Yield `count` import records; `organizations` are {"code", "paths"} dicts."""
    rng = random.Random(seed)
    pool = sentences()
    phrases = [re.sub(r"[，。；：、（）《》\s]", "", s)[:18] for s in pool]
    phrases = [p for p in phrases if len(p) >= 6]
    serials: dict[tuple[str, int], int] = {}
    for number in range(count):
        org = organizations[number % len(organizations)]
        year = 2015 + rng.randrange(11)
        month, day = 1 + rng.randrange(12), 1 + rng.randrange(28)
        prefix = rng.choice(DOC_PREFIXES)
        serials[(prefix, year)] = serials.get((prefix, year), 0) + 1
        title = rng.choice(TITLE_FORMS).format(rng.choice(phrases))
        body = "".join(f"<p>{s}</p>" for s in rng.sample(pool, rng.randint(4, 10)))
        record = {
            "title": title,
            "organization": org["code"],
            "body_html": body,
            "doc_number": f"{prefix}〔{year}〕{serials[(prefix, year)]}号",
            "written_on": f"{year}-{month:02d}-{day:02d}",
            "published_at": f"{year}-{month:02d}-{day:02d}T{9 + rng.randrange(8):02d}:{rng.randrange(60):02d}:00+08:00",
            "catalog": [rng.choice(org["paths"])],
            "topic": rng.choice(TOPICS),
            "keywords": rng.sample(["政务公开", "规范性文件", "营商环境", "疫情防控", "乡村振兴", "财政预算"], 2),
            "source_url": f"http://www.yiyuan.gov.cn/art/{year}/{month}/{day}/art_{number}.html",
        }
        if rng.random() < 0.3:
            record["validity"] = rng.choice(VALIDITY)
        yield record


def write(path: Path, count: int, organizations: list[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in documents(count, organizations):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
