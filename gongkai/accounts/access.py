"""Who may enter the staff area, and the pages that say no.

Every staff view (publishing, catalog, audit, organizations, ...) wraps itself in `staff_required`:
anonymous visitors go to the login page; a logged-in account without any Membership (and not a
superuser) gets a 403 page that explains in Chinese why; a user whose role needs two-factor login and whose session
has not passed it goes to the code page (gongkai/accounts/twofactor.py). Object-level checks come after, in each view,
through `gongkai.accounts.permissions`.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.accounts import twofactor
from gongkai.accounts.permissions import is_staff_user


def forbidden(request, reason: str, status: int = 403):
    """A 403 page that tells the user, in Chinese, why."""
    return render(request, "workbench/forbidden.html", {"reason": reason}, status=status)


def staff_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_user(request.user):
            return forbidden(
                request,
                _("您的账号尚未分配到任何单位的岗位（信息员、审核员、单位管理员等），不能使用工作台。"
                  "请联系本单位管理员或政务公开办分配岗位。"),
            )
        if not twofactor.passed(request):  # 审核员, 单位管理员, 政务公开办, superusers: a second factor
            return redirect(twofactor.second_factor_url(request, request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper
