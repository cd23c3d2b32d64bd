"""One-row oracles: the record-at-a-time rules the Engine 2 facts replaced.

Each module says of one record (or one record's values) what a fact or a frame helper says of
a whole table; the tests named in each docstring hold the frame code to them, row by row.
Production code never imports them.
"""
