"""Synthetic districts: realistic centers, exports and planted defects, deterministic by seed.

Entry points: `cscaudit.samples.district.generate_district` (a district with a defects
manifest), `cscaudit.samples.exports.write_exports` (one center's export files) and
`cscaudit.samples.bundled.write_bundled` (the sample centers shipped in `samples/`).
"""
