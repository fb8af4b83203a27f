"""车辆管理 on paper and in Excel (F2–F10). Importing the package registers everything:

- ``registers``: vehicles, designated repair shops and fuel stations (import and export), and
  the references that name them;
- ``records``: the repairs (export, and import of the paper archive) and the fuel log (export);
- ``printables``: the 车辆维修保修单 (一式三联) and the 准修通知单 (F9);
- ``doc_fields``: each fleet document's approval summary (``forms.summary``);
- ``report``: the month-end statistics workbook (F8).

Writes go through ``models.fleet`` only.
"""

from forms.fleet import doc_fields, printables, records, registers, report
from forms.fleet.printables import AUTHORISATION_FORM, REPAIR_FORM
from forms.fleet.records import FUEL, REPAIRS
from forms.fleet.registers import SHOP_REF, SHOPS, STATION_REF, STATIONS, VEHICLE_REF, VEHICLES
from forms.fleet.report import write_monthly_report

__all__ = [
    "AUTHORISATION_FORM",
    "FUEL",
    "REPAIRS",
    "REPAIR_FORM",
    "SHOPS",
    "SHOP_REF",
    "STATIONS",
    "STATION_REF",
    "VEHICLES",
    "VEHICLE_REF",
    "doc_fields",
    "printables",
    "records",
    "registers",
    "report",
    "write_monthly_report",
]
