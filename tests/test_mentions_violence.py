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
        ("Witnesses said that he attempted to murder a deputy.", "murder", False),
        ("Count One charges conspiracy to murder a federal officer.", "murder", True),
        ("The probation officer noted a prior conviction for domestic assault.", "assault", True),
        ("Agents assessed the message as a true threat against the judge.", "threats", False),
        ("The crowd forcibly entered the building through a window.", "other_violence", False),
        ("Members stormed the compound at dawn.", "other_violence", False),
        # conduct descriptions
        ("During the arrest he used force against two deputy marshals.", "assault", False),
        ("The man stabbed his cellmate twice in the yard.", "assault", False),
        ("Deputies found that he had strangled the courier.", "assault", False),
        ("Rioters threw bottles and sprayed irritant toward the police officers.", "assault", False),
        ("The crowd kept pushing against a line of police officers at the gate.", "assault", False),
        ("The informant said the victim was shot and killed outside a bar.", "murder", False),
        ("From the truck he began to fire several shots at the troopers.", "other_violence", False),
        ("He was jailed after fighting with two other inmates.", "assault", False),
        ("He fired a shot at the trooper as she approached.", "assault", False),
        # plans, threats in quoted speech and messages, extortion
        ("Recordings show the pair planned to ambush agents at the checkpoint.", "threats", False),
        ("The cell leader joined a plot to kill a rival plaza boss.", "threats", False),
        ("In a text he wrote: “we will have to kill every one of them.”", "threats", False),
        ("In one chat he told her he was going to give out her home address.", "threats", False),
        ("The account blackmailed the boy for more pictures.", "extortion", False),
        ("Investigators describe a sextortion scheme run from abroad.", "extortion", False),
        ("The crew used violence and threats to control the route.", "threats", False),
        ("He used the app to coerce a 14-year-old minor into sending images.", "sexual_violence", False),
        ("He sought ways to sexually exploit children online.", "sexual_violence", False),
        # charged: a count body, a conviction beside the mention, a docket offense line
        (
            "COUNT 3\n\nOn or about May 2, the defendant did forcibly assault a federal officer, all "
            "in violation of Title 18, United States Code, Section 111.",
            "assault",
            True,
        ),
        ("The Court should impose the maximum term for each attempted murder conviction.", "murder", True),
        ("He has prior convictions for domestic assault and trespass.", "assault", True),
        ("18:875C.F INTERSTATE COMMUNICATIONS - THREATS", "threats", True),
        ("18:111 CONSPIRE TO IMPEDE OR INJURE OFFICER", "assault", True),
        ("She admitted they discharged a firearm at the house in the count of conviction.", "other_violence", True),
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
        "The manager fired him after two warnings.",
        "He took a shot at a new career and had no shot at parole.",
        "The firm suffered a cyber attack on its servers.",
        "Counsel attacked the credibility of the witness.",
        "Has anyone made any threats against you to get you to plead?",
        "The plan, if successful, would have resulted in the death of the witness.",
        "A mug shot and a screen shot were admitted.",
    ],
)
def test_violence_boilerplate_is_not_flagged(text):
    assert run("expediente_violence", text, "violence") == []
