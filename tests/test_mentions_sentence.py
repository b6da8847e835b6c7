import pytest

from tests._mention_helper import best, run


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "The defendant is hereby committed to the custody of the Federal Bureau of Prisons to be imprisoned for a\n"
            "total term of:    87 MONTHS",
            "87",
            "imprisonment",
        ),
        ("to be imprisoned for a term of one hundred twenty (120) months as to count one.", "120", "imprisonment"),
        ("Count 1: Custody of BOP for 46 months, followed by 3 years supervised release.", "46", "imprisonment"),
        ("Dft is committed to the custody of BOP for life.", "life", "imprisonment"),
        ("Count(s) 2, CBOP time served.", "time served", "time_served"),
        ("The judge sentenced Maria Ruiz to 10 years in federal prison.", "120", "imprisonment"),
        ("Ortiz Vega was sentenced today to serve 97 months in prison.", "97", "imprisonment"),
        ("He was sentenced to spend eight years in federal prison.", "96", "imprisonment"),
        ("The defendant is hereby sentenced to probation for a term of: 5 years.", "60", "probation"),
        ("The government recommends a sentence of 97 months.", "97", "recommended"),
        ("THIRTY MONTHS AS TO COUNT TWO, TO RUN CONCURRENT, FOR A TOTAL OF SEVENTY-TWO MONTHS.", "72", "imprisonment"),
    ],
)
def test_sentence(text, value, kind):
    f = best(run("expediente_sentence", text, "sentence"))
    assert (f.value, f.attrs["kind"]) == (value, kind)


def test_recommendation_is_low_confidence():
    [f] = run("expediente_sentence", "The government recommends a sentence of 97 months.", "sentence")
    assert f.confidence <= 0.3


@pytest.mark.parametrize(
    "text",
    [
        "Each count carries a maximum penalty of 10 years in prison.",
        "The advisory guidelines range is 87 to 108 months.",
        "Count One carries a mandatory minimum sentence of 120 months.",
        "Upon release from imprisonment, you will be on supervised release for a term of 3 years, "
        "three years as to each count, for a total of three years.",
    ],
)
def test_not_imposed(text):
    assert [f for f in run("expediente_sentence", text, "sentence") if f.confidence > 0.3] == []
