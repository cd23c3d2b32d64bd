"""How a household column is spelled: its values grouped by shape (numbers blanked), with
one example each. The link message (「名册户号形如 5-2-101，走访记录形如 5栋2单元101室」), the
result's link table and `inspect` show these examples."""

from __future__ import annotations

from dataclasses import dataclass, field

from cscaudit.ingest.address import AddressRules


@dataclass
class Spellings:
    """Shapes of the values of one column (`AddressRules.shape`): how many of each, and the
    first value of each as its example; of the first `sample` values only, when given."""

    rules: AddressRules
    sample: int | None = None
    seen: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    example: dict[str, str] = field(default_factory=dict)
    _shape_of: dict[str, str] = field(default_factory=dict)

    def add(self, value: object) -> None:
        if not isinstance(value, str) or (self.sample is not None and self.seen >= self.sample):
            return
        self.seen += 1
        shape = self._shape_of.get(value)
        if shape is None:
            shape = self.rules.shape(value)
            if len(self._shape_of) < 100_000:
                self._shape_of[value] = shape
        if shape in self.counts:
            self.counts[shape] += 1
        elif len(self.counts) < 1_000:
            self.counts[shape], self.example[shape] = 1, value

    def examples(self, limit: int = 3) -> tuple[str, ...]:
        """One example per shape, the most common shapes first."""
        ranked = sorted(self.counts, key=lambda shape: (-self.counts[shape], shape))
        return tuple(self.example[shape] for shape in ranked[:limit])
