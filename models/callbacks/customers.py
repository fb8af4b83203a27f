"""客户档案 (C1): customers, their contacts and addresses as dated history, their projects or
policies. Customers are master data, not login users. A changed phone number or address is a
new row with its ``valid_from`` (the current one is the latest), never an overwrite, so the
archive shows what was true when each callback was made."""

from __future__ import annotations

from enum import StrEnum

import peewee

from models.base import BaseModel, VoidableModel
from models.people import User


class CustomerKind(StrEnum):
    INDIVIDUAL = "individual"
    ORGANISATION = "organisation"

    @property
    def label(self) -> str:
        return {"individual": "个人", "organisation": "单位"}[self.value]


class Customer(VoidableModel):
    number = peewee.CharField(max_length=32, unique=True, verbose_name="客户编号")
    name = peewee.CharField(max_length=100, verbose_name="客户名称")
    # the name's pinyin (``models.text.search_key``): "zs" finds 张三 in the archive
    name_search = peewee.CharField(max_length=255, default="", index=True)
    kind = peewee.CharField(max_length=16, default=CustomerKind.INDIVIDUAL)
    # 18-digit 居民身份证 (checksum) or 统一社会信用代码; NULL (never "") when unknown, so the
    # unique index allows many customers without one on both backends
    id_no = peewee.CharField(max_length=18, null=True, unique=True, verbose_name="证件号码")
    important = peewee.BooleanField(default=False)  # 重要客户: called on their own plan (C9)
    important_reason = peewee.CharField(max_length=200, default="")
    owner = peewee.ForeignKeyField(User, null=True, backref="customers")  # 客户经理
    note = peewee.CharField(max_length=500, default="")
    version = peewee.IntegerField(default=1)

    def __str__(self) -> str:
        return self.name


class CustomerContact(BaseModel):
    """One row per phone number a customer had: a change is a new row, the current one is the
    latest ``valid_from`` (ties: the higher id). Never updated."""

    customer = peewee.ForeignKeyField(Customer, backref="contacts")
    person = peewee.CharField(max_length=50, default="")  # who answers: 本人, 经办人 …
    relation = peewee.CharField(max_length=20, default="本人")
    phone = peewee.CharField(max_length=32)  # normalised (``validation.normalize_phone``)
    phone_tail = peewee.CharField(max_length=4, index=True)  # 尾号, what staff type
    valid_from = peewee.DateField()
    recorded_by = peewee.ForeignKeyField(User, null=True)
    recorded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("customer", "valid_from"), False), (("phone",), False))


class CustomerAddress(BaseModel):
    """One row per address a customer had, as contacts: a change is a new row."""

    customer = peewee.ForeignKeyField(Customer, backref="addresses")
    address = peewee.CharField(max_length=200)
    valid_from = peewee.DateField()
    recorded_by = peewee.ForeignKeyField(User, null=True)
    recorded_at = peewee.DateTimeField()

    class Meta:
        indexes = ((("customer", "valid_from"), False),)


class Project(VoidableModel):
    """项目/保单: what the customer bought. ``delivered_on`` (交付使用/起保) starts the C9
    cadence: monthly in its first year, quarterly after."""

    customer = peewee.ForeignKeyField(Customer, backref="projects")
    ref_no = peewee.CharField(max_length=40, unique=True, verbose_name="项目/保单号")
    title = peewee.CharField(max_length=100, default="")
    started_on = peewee.DateField()
    delivered_on = peewee.DateField()
    sales_person = peewee.ForeignKeyField(User, null=True, backref="sold_projects")

    class Meta:
        indexes = ((("customer", "delivered_on"), False),)


CUSTOMER_TABLES = [Customer, CustomerContact, CustomerAddress, Project]
