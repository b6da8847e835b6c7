import pytest

from tests._mention_helper import run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            (
                "conspired to import 5 kilograms or more of a mixture and substance "
                "containing a detectable amount of cocaine"
            ),
            [("cocaine", "5 kilograms or more")],
        ),
        (
            "possessed with intent to distribute 50 grams or more of methamphetamine (actual)",
            [("methamphetamine", "50 grams or more")],
        ),
        (
            "400 grams and more of N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl] propanamide",
            [("fentanyl", "400 grams and more")],
        ),
        (
            "agents seized approximately 12.4 kilograms of heroin and 280 grams or more of cocaine base",
            [("heroin", "approximately 12.4 kilograms"), ("cocaine base", "280 grams or more")],
        ),
        ("1,000 kilograms or more of marijuana", [("marijuana", "1,000 kilograms or more")]),
        ("a bag of cocaine, weighing approximately 3 kilograms", [("cocaine", "approximately 3 kilograms")]),
        ("Importation of Marihuana", [("marijuana", None)]),
        ("the package held 300 30-milligram tablets of oxycodone", [("oxycodone", "300 30-milligram tablets")]),
        ("The defendant must participate in a drug treatment program.", []),
        ("a controlled substance", []),
    ],
)
def test_drugs(text, expected):
    got = [(f.value, f.attrs["quantity"]) for f in run("expediente_drugs", text, "drug")]
    assert got == expected


def test_methamphetamine_purity():
    [f] = run("expediente_drugs", "500 grams or more of a mixture and substance containing methamphetamine", "drug")
    assert f.attrs["purity"] == "mixture"
