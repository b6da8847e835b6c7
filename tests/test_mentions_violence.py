import pytest

from tests._mention_helper import run


@pytest.mark.parametrize(
    ("text", "label", "charged"),
    [
        (
            (
                "COUNT ONE: the defendant did kidnap and hold the victim, in violation of "
                "Title 18, United States Code, Section 1201."
            ),
            "kidnapping",
            True,
        ),
        ("The defendant pleaded guilty to conspiracy to commit murder-for-hire.", "murder", True),
        ("18:1117 CONSPIRACY TO MURDER", "murder", True),
        ("Nature of Offense\n\nCoercion and Enticement of a Minor", "sexual_violence", True),
        ("Members of the organization tortured rivals at a ranch outside the city.", "torture", False),
        # regressions from the gold labels: named acts over generic violence, threats and injuries as charged
        ("He was convicted of assault with a dangerous weapon in aid of racketeering.", "assault", True),
        ("He later fired nine rounds from a rifle at two deputies.", "assault", False),
        ("She pointed a loaded pistol at the cashier.", "assault", False),
        ("18:372 CONSPIRACY TO INJURE AN OFFICER", "assault", True),
        ("He boasted of being an aspiring mass murderer.", "murder", False),
        (
            "Cartel gunmen disappeared the journalist; his family never saw him again. He was disappeared in 2014.",
            "disappearance",
            False,
        ),
        ("He threatened to kill the witness if she testified.", "threats", False),
        ("The crew assaulted a Border Patrol agent during the arrest.", "assault", False),
        ("The group demanded payments from merchants through extortion.", "extortion", False),
        ("The gunmen held two hostages in the house.", "hostage_taking", False),
        ("Witnesses heard gunfire and saw a shooting near the plaza.", "other_violence", False),
    ],
)
def test_violence(text, label, charged):
    found = [f for f in run("expediente_violence", text, "violence") if f.value == label]
    assert found, f"no {label} in {text!r}"
    assert found[0].attrs["charged"] is charged


@pytest.mark.parametrize(
    "text",
    [
        "The defendant was convicted of a non-violent drug offense.",
        "The sentence is imposed under the Violent Crime Control and Law Enforcement Act of 1994.",
        "You must participate in an approved program for domestic violence.",
        "Has anyone threatened you or anyone close to you to make you plead guilty?",
        "He took a screenshot of the chat and bought a shotgun.",
        "* Amy, Vicky, and Andy Child Pornography Victim Assistance Act of 2018.",
        "He is an armed/violent felony offender under state law.",
    ],
)
def test_violence_boilerplate_is_not_flagged(text):
    assert run("expediente_violence", text, "violence") == []
