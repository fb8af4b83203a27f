"""客户回访与投诉: the customer archive, callback plans and their cadence, callbacks and their
records, the problems they find, complaints and 首问负责制 (C1–C12).

This module is the one door the desktop, the forms and the command line use; the work is split
by concern, each module small enough to read in one sitting:

- ``customers``: the archive, contacts and addresses as dated history, projects (C1);
"""

from __future__ import annotations

import peewee

from models import numbering
from models.callbacks.customers import (
    CUSTOMER_TABLES,
    Customer,
    CustomerAddress,
    CustomerContact,
    CustomerKind,
    Project,
)

# The tables of schema version 20 (customers, plans, callbacks, records, problems), in
# creation order; migration 21 (complaints, receipts) adds its own.
TABLES_20 = [*CUSTOMER_TABLES]
TABLES = [*TABLES_20]


def migrate_20(database: peewee.Database) -> None:
    database.create_tables([numbering.Counter, *TABLES_20])


__all__ = [
    "TABLES",
    "Customer",
    "CustomerAddress",
    "CustomerContact",
    "CustomerKind",
    "Project",
]
