import pytest

from tests._mention_helper import best, run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "THE DEFENDANT:\n  pleaded guilty to count(s)   1 and 2 of the Superseding Indictment\n"
            "  was found guilty on count(s)\n  after a plea of not guilty.",
            "plea",
        ),
        (
            "THE DEFENDANT:\n  pleaded guilty to count(s)\n  was found guilty on count(s)   1, 2 and 3\n"
            "  after a plea of not guilty.",
            "trial",
        ),
        ("Minute Entry: Change of Plea Hearing held. Defendant enters a plea of guilty to the Information.", "plea"),
        ("ORDER ACCEPTING GUILTY PLEA as to the defendant.", "plea"),
        ("Dft was found guilty by jury verdict.", "trial"),
        ("WE, THE JURY, find the defendant guilty as to Count One.", "trial"),
        ("Arraignment held. Defendant entered a plea of not guilty to all counts.", "pretrial"),
        ("Not Guilty plea entered. Motion hearing set.", "pretrial"),
        ("SEALED INDICTMENT", "sealed"),
    ],
)
def test_plea(text, expected):
    assert best(run("expediente_plea", text, "plea")).value == expected


def test_judgment_checkbox_outranks_a_mention():
    text = (
        "THE DEFENDANT:\n  pleaded guilty to count(s)   1 of the Information\n\n"
        "Restitution amount ordered pursuant to plea agreement $"
    )
    found = run("expediente_plea", text, "plea")
    assert best(found).attrs["text"].startswith("pleaded guilty to count(s)")
    assert best(found).confidence > min(f.confidence for f in found)


def test_blank_checkbox_lines_give_nothing():
    text = "pleaded guilty to count(s)\n was found guilty on count(s)\n after a plea of not guilty."
    assert run("expediente_plea", text, "plea") == []


def test_unsealed_is_not_sealed():
    assert run("expediente_plea", "ORDER: the indictment is UNSEALED.", "plea") == []
