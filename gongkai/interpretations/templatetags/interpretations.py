"""Template tags for the two sides of a policy and its interpretations, and the 同步 warning.

    {% load interpretations %}
    {% interpretations_of item as found %}      published interpretations of a policy item
    {% missing_interpretation_warning item as warning %}   the reviewer's 同步 message, or None
"""

from django import template

from gongkai.interpretations import services

register = template.Library()


@register.simple_tag
def interpretations_of(item, public=True):
    return services.interpretations_for(item, public=public)


@register.simple_tag
def missing_interpretation_warning(item):
    return services.missing_interpretation_warning(item)


@register.simple_tag
def public_url(item):
    return services.public_url(item)
