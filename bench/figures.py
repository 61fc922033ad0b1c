"""Print a measured figure beside its floor (the same work at the least it costs) and the ratio of the two."""


def figure(name: str, value: float, floor: float | None = None, *, unit: str = "s", floor_name: str = "floor",
           most: float | None = None, most_ratio: float | None = None) -> str:
    """Return one line: the figure, its floor, value / floor, and OK or SLOW against a bound on the value
    (`most`, in the figure's unit) or on the ratio (`most_ratio`)."""
    floor_text = f"{floor_name} {floor:9.2f} {unit}" if floor else " " * (len(floor_name) + len(unit) + 11)
    ratio = value / floor if floor else None
    line = f"{name:<46}{value:9.2f} {unit}   {floor_text}   " + (f"{ratio:6.2f}x" if ratio else "      -")
    if most is not None:
        line += "  OK" if value <= most else f"  SLOW (target ≤ {most:g} {unit})"
    if most_ratio is not None and ratio is not None:
        line += "  OK" if ratio <= most_ratio else f"  SLOW (target ≤ {most_ratio:g}x)"
    return line
