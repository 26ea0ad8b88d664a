"""Single-source patient leaflets: YAML sources in, audience-specific PDFs out.

The pipeline runs in one direction, one module per stage:

    load     sources/leaflets/<id>.yaml -> Leaflet        (validation happens here, once)
    resolve  Leaflet + audience         -> Edition
    html     Edition                    -> HTML           (Jinja2 layouts, Markdown subset)
    pdf      HTML                       -> PDF bytes      (WeasyPrint, sandboxed fetcher)
    output   PDF bytes                  -> file           (atomic replace)
    check    PDF                        -> page text      (regression snapshots)
"""

__version__ = "0.1.0"
