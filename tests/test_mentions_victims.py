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
        ("The plot would have resulted in the death of a Tucson, Arizona woman.", "other", "killed"),
        ("Members kidnapped a 62-year-old man from his ranch.", "other", "kidnapped"),
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
        # a justice.gov page's navigation around a release
        "Publications Information for Victims in Large Cases News Press Releases",
        "Find Help and Information for Crime Victims Register, Apply for Permits",
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


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # victims named by what was done to them, not by a pseudonym
        ("The two men shot at rival gang members outside a bodega.", "other"),
        ("The plan was to murder migrants crossing the river.", "other"),
        ("He fired nine rounds at FBI agents serving the warrant.", "law_enforcement"),
        ("The group agreed to kill officers and employees of the United States.", "law_enforcement"),
        ("Rioters pushed past a line of riot police officers guarding the stairs.", "law_enforcement"),
        ("He punched an agent of the Drug Enforcement Administration during the arrest.", "law_enforcement"),
        ("The defendant sexually exploited a 15-year-old over the internet.", "minor"),
        ("He forcibly assaulted Officer K.L. with a baton.", "law_enforcement"),
    ],
)
def test_victims_described_in_sentences(text, label):
    assert label in {f.value for f in run("expediente_victims", text, "victim") if f.confidence >= 0.4}


def test_count_victim_table():
    text = (
        "the defendants attempted to kill Deputy United States Marshals, each an officer and employee of the "
        "United States:\n\n        COUNT        VICTIM\n          3           A.B.\n          4           C.D.\n\n"
        "All in violation of Title 18."
    )
    found = [f for f in run("expediente_victims", text, "victim") if f.attrs.get("table")]
    assert [(f.value, text[f.start : f.end]) for f in found] == [
        ("law_enforcement", "A.B."),
        ("law_enforcement", "C.D."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Drugs sold by the cartel kill thousands of people every year.",
        "Three Men Charged For Scheme Targeting Hundreds Of Elderly Victims",
        "The officers seized four kilograms of cocaine from the trunk.",
    ],
)
def test_not_victims_in_prose(text):
    assert [f for f in run("expediente_victims", text, "victim") if f.confidence >= 0.4] == []


@pytest.mark.parametrize(
    "text",
    [
        "She offered a hit man $10,000 for the job.",
        "The company fired the man who reported the shipment.",
    ],
)
def test_violent_verbs_in_other_senses(text):
    assert [f for f in run("expediente_victims", text, "victim") if f.attrs.get("from") == "object_of_violence"] == []
