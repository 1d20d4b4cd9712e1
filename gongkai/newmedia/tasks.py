from django_tasks import task


@task()
def deliver_push(delivery_id: int) -> str:
    from gongkai.newmedia.services import deliver

    return deliver(delivery_id)
