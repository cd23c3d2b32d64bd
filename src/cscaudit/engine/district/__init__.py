"""`cscaudit assess`: many centers found, audited by a backend, collected."""
