"""客户回访与投诉: the desktop page over ``models.callbacks`` comes with the desktop step.
Until then the domain declares no navigation entry (``MODULE`` is ``None``): nobody clicks
into an empty page."""

from __future__ import annotations

MODULE = None
