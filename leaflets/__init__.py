"""Single-source patient leaflets: YAML sources in, audience-specific PDFs out.

The pipeline runs in one direction, one package per stage:

    source/   sources/leaflets/<id>.yaml -> Leaflet   (validation happens here, once)
    resolve   Leaflet + audience         -> Edition
    render/   Edition -> HTML -> PDF bytes -> booklet sheets
    checks/   Edition -> editorial findings; PDF -> page text (regression snapshots)
    build/    a sources folder -> jobs on an executor -> PDFs in the output folder
    publish/  what was built and found -> the editors' report

The README's "How it works" says which module does what.
"""

__version__ = "0.1.0"
