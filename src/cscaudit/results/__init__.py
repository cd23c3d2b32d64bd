"""The result types every stage writes and every reporter reads, grade bands, and the
context an audit is measured in (`context.AuditContext`)."""
