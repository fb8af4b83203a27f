s/models\.fleet_vehicles\b/models.fleet.vehicles/g
s/models\.fleet_repairs\b/models.fleet.repairs/g
s/models\.fleet_usage\b/models.fleet.usage/g
s/models\.fleet_stats\b/models.fleet.stats/g
s/models\.supplies_stock\b/models.supplies.stock/g
s/models\.supplies_purchasing\b/models.supplies.purchasing/g
s/models\.supplies_requisitions\b/models.supplies.requisitions/g
s/models\.stocktake\b/models.supplies.stocktake/g
s/^\(\s*\)from models import stocktake as st_model/\1from models.supplies import stocktake as st_model/
s/^\(\s*\)from models import stocktake, supplies, workflow/\1from models import supplies, workflow\n\1from models.supplies import stocktake/
s/^\(\s*\)from models import stocktake  # registers the stocktake flow/\1from models.supplies import stocktake  # registers the stocktake flow/
s/^\(\s*\)from models import people, stocktake, supplies/\1from models import people, supplies\n\1from models.supplies import stocktake/
s/^\(\s*\)from models import demo, demo_supplies, stocktake/\1from models import demo\n\1from models.supplies import demo as demo_supplies\n\1from models.supplies import stocktake/
s/forms\.supplies_count\b/forms.supplies.count/g
s/forms\.supplies_report\b/forms.supplies.report/g
s/forms\.supplies_print\b/forms.supplies.printables/g
s/^\(\s*\)from models import stocktake$/\1from models.supplies import stocktake/
