"""Departments, users, roles and login (X1).

Every use case in Houqin takes the acting user first and checks the role here with
``require_role``. Passwords are stored as salted scrypt hashes (stdlib ``hashlib.scrypt``,
memory-hard, so no extra dependency is needed); the clear text is never stored or logged.
Five failed logins in a row lock an account for fifteen minutes (both are settings).

The package, by concern: ``tables`` (roles, departments, users, the system actor), ``roles``
(the role checks and who holds a role), ``login``, ``accounts`` (the administrators' work on
users), ``departments`` and ``batch`` (the one door by which departments and users enter,
many at a time or one). Import from ``models.people``; the split is for readers.
"""

from __future__ import annotations

from models.passwords import (
    check_password_strength,
    dummy_hash,
    hash_password,
    verify_password,
)
from models.people.accounts import (
    change_password,
    create_first_admin,
    get_user,
    has_users,
    lock_user,
    set_roles,
    unlock_user,
    update_user,
    void_user,
)
from models.people.batch import add_department, add_departments, add_user, add_users
from models.people.departments import (
    DEPARTMENT_ORDER,
    department_rank,
    natural_sort_key,
    update_department,
)
from models.people.login import authenticate
from models.people.roles import (
    department_heads,
    require_active,
    require_person,
    require_role,
    role_holders,
    users_with_role,
)
from models.people.tables import (
    DEPARTMENT_KINDS,
    LOCKED_FOREVER,
    ROLE_LABELS,
    SYSTEM,
    Actor,
    Department,
    Role,
    SystemActor,
    User,
    UserRole,
    normalize_username,
    role_from_label,
)

__all__ = [
    "DEPARTMENT_KINDS",
    "DEPARTMENT_ORDER",
    "LOCKED_FOREVER",
    "ROLE_LABELS",
    "SYSTEM",
    "Actor",
    "Department",
    "Role",
    "SystemActor",
    "User",
    "UserRole",
    "add_department",
    "add_departments",
    "add_user",
    "add_users",
    "authenticate",
    "change_password",
    "check_password_strength",
    "create_first_admin",
    "department_heads",
    "department_rank",
    "dummy_hash",
    "get_user",
    "has_users",
    "hash_password",
    "lock_user",
    "natural_sort_key",
    "normalize_username",
    "require_active",
    "require_person",
    "require_role",
    "role_from_label",
    "role_holders",
    "set_roles",
    "unlock_user",
    "update_department",
    "update_user",
    "users_with_role",
    "verify_password",
    "void_user",
]
