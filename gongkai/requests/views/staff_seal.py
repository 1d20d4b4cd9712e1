"""The unit's seal image for its letters (单位管理员): upload a PNG, see it, remove it."""

import base64

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gongkai.accounts.access import forbidden, staff_required
from gongkai.accounts.permissions import has_perm
from gongkai.core.params import id_param
from gongkai.core.services import ActionRefused
from gongkai.letters import seals
from gongkai.organizations.models import Organization


class SealForm(forms.Form):
    image = forms.FileField(label=gettext_lazy("印章图片（PNG）"),
                            help_text=gettext_lazy("透明背景的红色圆形印章，边长200至3000像素，不超过2 MB。"),
                            widget=forms.ClearableFileInput(attrs={"accept": "image/png"}))


@staff_required
@require_http_methods(["GET", "POST"])
def seal(request):
    org = get_object_or_404(Organization, pk=id_param(request, "org") or 0)  # ?org=x: 400, not 500
    if not has_perm(request.user, "letter.templates", org.id):
        return forbidden(request, _("只有单位管理员可以管理本单位的印章图片。"))
    form = SealForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        try:
            if request.POST.get("remove"):
                seals.remove_seal(request.user, org, request=request)
                messages.success(request, _("印章图片已删除，之后出具的文书只留印章位置。"))
                return redirect(f"{request.path}?org={org.pk}")
            if form.is_valid():
                seals.upload_seal(request.user, org, form.cleaned_data["image"], request=request)
                messages.success(request, _("印章图片已保存，之后出具的文书加盖此印章图片；已出具的文书不变。"))
                return redirect(f"{request.path}?org={org.pk}")
        except ActionRefused as exc:
            form.add_error("image", exc.reason)
    current = seals.seal_of(org)
    image = seals.seal_image(org) if current else b""  # b"" too when its file is missing
    preview = ("data:image/png;base64," + base64.b64encode(image).decode()) if image else ""
    return render(request, "requests/staff/seal.html", {"form": form, "org": org, "seal": current, "preview": preview},
                  status=400 if form.errors else 200)
