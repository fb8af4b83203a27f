"""Importing this module loads every domain module, so their approval flows and outcome hooks
are registered before any document is opened (the 审批中心 shows documents of all modules)."""

from models import (
    fleet,  # noqa: F401
    supplies,  # noqa: F401
)
