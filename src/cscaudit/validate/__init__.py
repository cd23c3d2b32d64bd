"""`cscaudit validate`: schema and cross-reference checks over configuration documents.

Modules: `paths` (PATH arguments to files), `engine` (one run over many files), `bools`
(YAML 1.1 boolean lint), `crossref` and `plans` (ids that must exist elsewhere), `resolution`
(the audit's own checklist resolver), `known` (the standard, the measure registry and the
checklists a run compares against), `result` (what a run found) and `reporters` (text, json,
github, sarif, junit). Plain messages per JSON Schema keyword (`cscaudit.config.schema_messages`) and
the validity cache that skips the schema for unchanged valid files (`cscaudit.config.schema_memo`)
sit below, beside `documents`, which every loader shares.

Problem codes (stable; the `ruleId` in SARIF, `type` in JUnit):
unreadable, duplicate-key, yaml11-bool, yaml-nonstandard (warning), kind, schema,
bad-params, unknown-service-item, unknown-zone, unknown-posting, unknown-amenity, unknown-profile, unknown-extends,
extends-cycle, unknown-indicator, unknown-requirement, unknown-measure-kind,
unknown-waiver-target, duplicate-waiver-id, waiver-dates, unknown-event-class,
plan-file-missing, plan-missing-section (warning), plan-unknown-section (warning),
unknown-center, duplicate-center, center-id-mismatch, unknown-table, table-file-missing,
plan-wrong-kind, resolve (what the audit's checklist resolver rejects, see `resolution`).
Exit codes: 0 valid, 1 an error (or a warning with --strict), 2 usage error or unreadable.
"""
