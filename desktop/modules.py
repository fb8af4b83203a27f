"""The navigation's modules: each domain of ``models.domains`` gives its ``desktop.<d>.MODULE``,
then the suite-wide 审批中心 and 系统管理; the 工作台 (home page) comes first for everyone and
shows the modules' ``cards``. Nobody clicks into an empty page.

A module is a page factory with a title, an icon, an order and who may see it. Pages are
built on first use, so start-up costs the same whether the office has one list or twenty:
``page("desktop.fleet.page:FleetPage")`` imports the page's module only when it is opened.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desktop.home_cards import HomeCard
from models import domains
from models.people import Role, User

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.main_window import MainWindow


@dataclass(frozen=True)
class NewRequest:
    """A request a user starts from 审批中心's 我的申请 (a teacher's 请假, a 学分申请), declared
    by the domain that owns it: 我的申请 is where every applicant looks, also one who does
    not see the domain's page. ``dialog`` is ``"package.module:factory"``, imported on the
    click; ``factory(user, parent)`` returns the dialog whose OK files the request, or a
    window of his own record the applicant reads there (a teacher's 我的培训档案)."""

    key: str
    title: Callable[[], str]
    icon: str
    dialog: str
    visible_to: Callable[[User], bool]


@dataclass(frozen=True)
class Module:
    """``title()`` is called when the navigation is built (so it follows the language).
    ``windows``: the module's own window of a document type, as ``(doc_type,
    "package.module:factory")``; ``factory(user, doc_id, parent)`` builds it (审批中心's
    查看完整单据 opens it without importing the domain's widgets before)."""

    key: str
    title: Callable[[], str]
    icon: str
    factory: Callable[[MainWindow], QWidget]
    order: int = 100
    roles: frozenset[Role] = field(default_factory=frozenset)  # empty: everyone
    windows: tuple[tuple[str, str], ...] = ()
    cards: tuple[HomeCard, ...] = ()  # what the 工作台 shows of this module's work
    requests: tuple[NewRequest, ...] = ()  # what its users file from 我的申请

    def visible_to(self, user: User) -> bool:
        return not self.roles or user.has_role(*self.roles)


_MODULES: dict[str, Module] = {}

# Reserved places in the order the regulations list them (车辆 10, 办公用品 20, 客户回访 30,
# 培训考勤 40); a module registering later takes its slot.
ORDER = {
    "home": 0,
    "fleet": 10,
    "supplies": 20,
    "callbacks": 30,
    "training": 40,
    "approvals": 50,
    "admin": 90,
}


def load(path: str) -> Any:
    """What ``"package.module:Name"`` names, imported when it is first needed."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def page(path: str) -> Callable[[MainWindow], QWidget]:
    """A module's factory: the page class ``path`` built as ``Page(user, window)``."""
    return lambda window: load(path)(window.user, window)


def register_module(module: Module) -> Module:
    _MODULES[module.key] = module
    return module


def document_window(doc_type: str) -> Callable[[User, int, QWidget | None], QWidget] | None:
    """The factory of ``doc_type``'s own window, if a domain declared one; else the read-only
    ``desktop.document_view.DocumentView`` (its declared summary, state and trail) when the
    type declared an approval summary; else ``None``."""
    _builtin()
    for module in _MODULES.values():
        for declared, path in module.windows:
            if declared == doc_type:
                return lambda user, doc_id, parent, path=path: load(path)(user, doc_id, parent)
    from forms.summary import declaration

    if declaration(doc_type) is None:
        return None

    def read_only(user: User, doc_id: int, parent: QWidget | None) -> QWidget:
        from desktop.document_view import read_only_window

        return read_only_window(doc_type, user, doc_id, parent)

    return read_only


def modules_for(user: User) -> list[Module]:
    _builtin()
    return sorted((m for m in _MODULES.values() if m.visible_to(user)), key=lambda m: m.order)


def registered() -> list[Module]:
    """Every module this build has, in the navigation's order (the 关于 box lists them, so
    it never names a module that does not exist yet)."""
    _builtin()
    return sorted(_MODULES.values(), key=lambda m: m.order)


def requests_for(user: User) -> list[NewRequest]:
    """The requests ``user`` may file, of every module (seeing its page or not)."""
    _builtin()
    return [r for m in registered() for r in m.requests if r.visible_to(user)]


def cards_for(user: User) -> list[HomeCard]:
    """The home cards of the modules ``user`` sees that concern ``user``, in their order."""
    cards = (c for m in modules_for(user) for c in m.cards if c.visible_to(user))
    return sorted(cards, key=lambda c: c.order)


def _builtin() -> None:
    if "approvals" in _MODULES:
        return
    from desktop import workflow_cards

    register_module(
        Module(
            "home",
            lambda: QCoreApplication.translate("modules", "工作台"),
            "home",
            page("desktop.home:HomePage"),
            ORDER["home"],
        )
    )
    for package in domains.packages("desktop"):
        register_module(importlib.import_module(package).MODULE)
    register_module(
        Module(
            "approvals",
            lambda: QCoreApplication.translate("modules", "审批中心"),
            "approvals",
            page("desktop.approvals:ApprovalCenter"),
            ORDER["approvals"],
            cards=workflow_cards.CARDS,
        )
    )
    register_module(
        Module(
            "admin",
            lambda: QCoreApplication.translate("modules", "系统管理"),
            "admin",
            page("desktop.admin:AdminPage"),
            ORDER["admin"],
            frozenset({Role.ADMIN}),
        )
    )
