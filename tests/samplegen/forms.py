"""Reusable filing forms: the AO 245B judgment, captions in the styles courts use, signature blocks."""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.samplegen.common import Count, cites_text
from tests.samplegen.layout import Break, Cell, P, Row, Rule, Space


@dataclass
class Defendant:
    name: str  # as the truth records it (title case with accents)
    aliases: list[str] = field(default_factory=list)
    number: int = 1

    @property
    def upper(self) -> str:
        return self.name.upper()


def alias_phrase(d: Defendant, connector: str, quote: str = '"') -> str:
    if not d.aliases:
        return ""
    close = "”" if quote == "“" else quote
    quoted = [f"{quote}{a}{close}" for a in d.aliases]
    if connector == "also known as":
        return ", also known as " + " and ".join(quoted)
    return f", {connector} " + f", {connector} ".join(quoted)


def california_caption(left_lines: str, right_lines: str, size: float = 12.0) -> list:
    """Parties on the left, case number and title on the right, separated by a column of ')'."""
    return [
        Row(
            [Cell(0, 215, left_lines, "serif"), Cell(245, 215, right_lines, "serif")],
            size=size,
            leading=14.0,
            sep_x=226,
            sep_lines=8,
            after=10,
        )
    ]


def ao245b(
    *,
    district: str,
    defendant: Defendant,
    case_number: str,
    usm: str,
    attorney: str,
    counts: list[Count],
    offense_ended: str,
    pleaded: str | None,
    found_guilty: str | None,
    dismissed: str | None,
    months: str,
    months_words: str,
    supervised: str,
    judge: str,
    imposed: str,
    recommendation: str,
    extra_imprisonment: str = "",
    cite_style: str = "judgment",
) -> list:
    """The two sheets of an AO 245B judgment that matter here: Sheet 1 (counts) and Sheet 2 (imprisonment)."""
    x_pl = "[X]" if pleaded else "[  ]"
    x_fg = "[X]" if found_guilty else "[  ]"
    blocks: list = [
        P("AO 245B (Rev. 09/19)   Judgment in a Criminal Case", size=9, after=0),
        P("Sheet 1", size=9, indent=90, after=10),
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0),
        P(district, align="center", after=8),
        Row(
            [
                Cell(0, 220, "UNITED STATES OF AMERICA\n                    v.\n\n" + defendant.upper, "serif"),
                Cell(
                    250,
                    218,
                    f"JUDGMENT IN A CRIMINAL CASE\n\nCase Number: {case_number}\nUSM Number: {usm}\n\n"
                    f"{attorney}\nDefendant's Attorney",
                    "serif",
                ),
            ],
            size=11,
            leading=13,
            sep_x=232,
            sep_lines=9,
            after=8,
        ),
        P("THE DEFENDANT:", font="serif-bold", size=11, after=2),
        P(f"{x_pl} pleaded guilty to count(s)   {pleaded or ''}", size=11, after=2),
        P("[  ] pleaded nolo contendere to count(s)            which was accepted by the court.", size=11, after=2),
        P(f"{x_fg} was found guilty on count(s)   {found_guilty or ''}", size=11, after=0),
        P("after a plea of not guilty.", size=11, indent=18, after=6),
        P("The defendant is adjudicated guilty of these offenses:", size=11, after=4),
        Row(
            [
                Cell(0, 110, "Title & Section", "serif-bold"),
                Cell(115, 200, "Nature of Offense", "serif-bold"),
                Cell(325, 75, "Offense Ended", "serif-bold"),
                Cell(410, 50, "Count", "serif-bold", "right"),
            ],
            size=10,
            after=2,
        ),
        Rule(after=2),
    ]
    for c in counts:
        blocks.append(
            Row(
                [
                    Cell(0, 110, cites_text(c.cites, cite_style), "serif"),
                    Cell(115, 200, c.description, "serif"),
                    Cell(325, 75, offense_ended, "serif"),
                    Cell(410, 50, c.label, "serif", "right"),
                ],
                size=10,
                after=4,
            )
        )
    blocks += [
        Space(8),
        P(
            "The defendant is sentenced as provided in pages 2 through 2 of this judgment. The sentence is "
            "imposed pursuant to the Sentencing Reform Act of 1984.",
            size=10,
            after=4,
        ),
        P("[  ] The defendant has been found not guilty on count(s)", size=10, after=4),
    ]
    if dismissed:
        blocks.append(
            P(
                f"[X] Count(s) {dismissed}   [  ] is   [X] are dismissed on the motion of the United States.",
                size=10,
                after=6,
            )
        )
    blocks += [
        P(
            "It is ordered that the defendant must notify the United States attorney for this district within "
            "30 days of any change of name, residence, or mailing address until all fines, restitution, costs, "
            "and special assessments imposed by this judgment are fully paid.",
            size=9,
            after=12,
        ),
        P(imposed, indent=260, size=10, after=0),
        P("Date of Imposition of Judgment", indent=260, size=9, after=18),
        P(judge, indent=260, size=10, after=0),
        P("Name and Title of Judge", indent=260, size=9, after=0),
        Break(),
        P("AO 245B (Rev. 09/19)   Judgment in a Criminal Case", size=9, after=0),
        P("Sheet 2 — Imprisonment", size=9, indent=90, after=4),
        P(f"DEFENDANT: {defendant.upper}", size=10, after=0),
        P(f"CASE NUMBER: {case_number}", size=10, after=10),
        P("IMPRISONMENT", align="center", font="serif-bold", after=6),
        P(
            "The defendant is hereby committed to the custody of the Federal Bureau of Prisons to be imprisoned "
            f"for a total term of: {months}{(' ' + months_words) if months_words else ''}.",
            size=11,
            after=4,
        ),
    ]
    if extra_imprisonment:
        blocks.append(P(extra_imprisonment, size=11, after=6))
    blocks += [
        P("[X] The court makes the following recommendations to the Bureau of Prisons:", size=11, after=2),
        P(recommendation, size=11, indent=24, after=8),
        P("[X] The defendant is remanded to the custody of the United States Marshal.", size=11, after=14),
        P("SUPERVISED RELEASE", align="center", font="serif-bold", after=6),
        P(
            "Upon release from imprisonment, the defendant shall be on supervised release for a term of: "
            f"{supervised}.",
            size=11,
            after=8,
        ),
        P("RETURN", align="center", font="serif-bold", after=4),
        P("I have executed this judgment as follows: ______________________________________________", size=11, after=4),
        P(
            "Defendant delivered on ____________ to ____________________________ at "
            "______________________, with a certified copy of this judgment.",
            size=11,
            after=14,
        ),
        P("UNITED STATES MARSHAL", indent=280, size=10, after=12),
        P("By ______________________________", indent=260, size=10, after=0),
        P("DEPUTY UNITED STATES MARSHAL", indent=280, size=10),
    ]
    return blocks


def signature(lines: list[str], indent: float = 250.0, size: float = 12.0) -> list:
    out: list = [Space(10), P("Respectfully submitted,", indent=indent, size=size, after=14)]
    out.append(P("/s/ " + lines[0], indent=indent, size=size, after=0))
    out += [P(line, indent=indent, size=size, after=0) for line in lines[1:]]
    return out
