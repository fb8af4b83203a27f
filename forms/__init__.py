"""Paper forms declared once (no Qt): ``spec`` declares, ``pdf`` prints, ``excel_*`` write
templates, import and export registers; ``kinds`` and ``printing`` are the registries the
command line and the desktop look things up in."""
