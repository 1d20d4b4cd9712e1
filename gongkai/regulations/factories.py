import datetime as dt

from gongkai.publishing.choices import Topic

D = dt.date.fromisoformat


def normative_document(org, editor, reviewer, title="沂源县城乡居民医疗救助办法", doc_number="源政办发〔2020〕5号",
                       promulgated_on="2020-03-01", effective_from="2020-04-01", expires_on="2025-03-31",
                       issuers=(), topic=Topic.HEALTH_SPORTS, body="<p>第一条 为了规范医疗救助工作，制定本办法。</p>",
                       **item_fields):
    """A published item in the 规范性文件 column, registered in the register (through the services)."""
    from gongkai.catalog.services import ensure_catalog, node_by_key
    from gongkai.publishing.factories import published_item
    from gongkai.regulations import services

    ensure_catalog(org)
    item = published_item(org, editor, reviewer, nodes=[node_by_key(org, "art20.1")], title=title,
                          doc_number=doc_number, topic=topic, body=body, **item_fields)
    data = {"promulgated_on": D(promulgated_on), "effective_from": D(effective_from), "expires_on": D(expires_on),
            "legality_reviewer": "沂源县司法局", "legality_reviewed_on": D(promulgated_on) - dt.timedelta(days=10),
            "legality_opinion": "源司审〔2020〕1号：合法"}
    return services.register(editor, item, data, issuers)
