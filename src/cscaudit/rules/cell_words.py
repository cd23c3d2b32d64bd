"""The words a cell may hold for "nothing" and for "yes": one list for the Python readers
(`measures.common.filled`, `bool_true`) and the column expressions (`facts.columns`)."""

NONE_WORDS = frozenset({"无", "没有", "暂无", "/", "-", "—", "none", "n/a", "na"})
NONE_WORD_MAX = 3  # a text longer than this is filled, whatever it says ("none" included)
YES_WORDS = frozenset({"是", "有", "√", "Y", "y"})
