"""`cscaudit validate`: schema and cross-reference checks over configuration documents."""
