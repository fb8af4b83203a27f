"""What every tab of 办公用品 shares: one translation context for its module-level strings."""

from __future__ import annotations

from desktop.i18n import translator

tr = translator("supplies")  # module-level strings of this package share one context
