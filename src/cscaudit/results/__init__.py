"""The result types every stage writes and every reporter reads, and grade bands."""
