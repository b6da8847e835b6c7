import pytest

from tests._mention_helper import run


@pytest.mark.parametrize(
    ("text", "label", "harm"),
    [
        ("Victim-1 was held at gunpoint and kidnapped by the crew.", "pseudonymous_victim", "kidnapped"),
        ("V-2 told agents she paid the money.", "pseudonymous_victim", None),
        (
            "The defendant sexually exploited Minor Victim 1 over several months.",
            "pseudonymous_victim",
            "sexually_abused",
        ),
        ("MV-1 was twelve years old when the abuse began.", "pseudonymous_victim", None),
        ("Cartel members tortured and killed a DEA Special Agent in 1985.", "law_enforcement", "killed"),
        ("He fired at federal officers who approached the house.", "law_enforcement", "shot"),
        ("The organization kidnapped a United States citizen in Nuevo Laredo.", "us_citizen", "kidnapped"),
        ("the murder of Enrique Camarena Salazar", "named_person", "killed"),
        ("The defendant ordered the killing of J.R.", "named_person", "killed"),
    ],
)
def test_victims(text, label, harm):
    found = [f for f in run("expediente_victims", text, "victim") if f.value == label]
    assert found, f"no {label} in {text!r}"
    assert found[0].attrs["harm"] == harm
    assert found[0].attrs["context"]


@pytest.mark.parametrize(
    "text",
    [
        "Restitution is ordered under the Victim and Witness Protection Act.",
        "The Crime Victims' Rights Act applies to these proceedings.",
        "Special Agent Maria Lopez of the DEA swears that the following is true.",
        "said Special Agent in Charge Ana Ruiz of the FBI field office about the murder case.",
    ],
)
def test_not_victims(text):
    assert run("expediente_victims", text, "victim") == []


def test_restitution_boilerplate_is_low_confidence():
    found = run("expediente_victims", "All nonfederal victims must be paid before the United States is paid.", "victim")
    assert found and max(f.confidence for f in found) <= 0.4
