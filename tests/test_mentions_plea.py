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
        ("PLEA      X  GUILTY, and the court being satisfied that there is a factual basis for the plea.", "plea"),
        ("ORDER granting the Government's Motion to Dismiss the Indictment as to Luis Mora.", "dismissed"),
        ("IT IS ORDERED that the indictment against the defendant is hereby dismissed with prejudice.", "dismissed"),
        ("The United States enters a nolle prosequi of all charges.", "dismissed"),
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


@pytest.mark.parametrize(
    "text",
    [
        "Counts 2 through 4 are dismissed on the motion of the United States.",  # after a plea: a benefit
        "Complaint dismissed on motion of the government.",  # the information that follows replaces it
        "The defendant's motion to dismiss the indictment is DENIED.",
    ],
)
def test_partial_or_refused_dismissals_are_no_dismissed_status(text):
    assert all(f.value != "dismissed" for f in run("expediente_plea", text, "plea"))


def test_unsealed_is_not_sealed():
    assert run("expediente_plea", "ORDER: the indictment is UNSEALED.", "plea") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # press releases: charges announced, or a verdict after trial
        (
            "Five members of the crew were charged today in a federal indictment. The charges are merely "
            "accusations, and the defendants are presumed innocent unless and until proven guilty.",
            "pretrial",
        ),
        ("After a four-day trial, a jury acquitted the co-defendant but found Ana Ruiz guilty as charged.", "trial"),
        ("In March, after an eight-week jury trial, the defendant was convicted of all counts.", "trial"),
        ("11/07/2024   148 JURY VERDICT as to John Roe (1) Guilty on Counts 1-5.", "trial"),
        # a memo that states its own plea in prose
        ("On May 2, 2024, the defendant entered a guilty plea to both counts of the information.", "plea"),
        # pretrial filings
        ("A jury trial is scheduled to begin on June 3 before the assigned district judge.", "pretrial"),
        ("The defense asks for the material before the hearing on the pending motions to dismiss.", "pretrial"),
        ("CASE NO. 2:21-mj-00456\nORDER: the complaint and arrest warrant shall remain sealed.", "pretrial"),
        # a release announcing an extradition or an arrest
        ("Ortega Ruiz was extradited from Mexico today to face federal drug trafficking charges.", "pretrial"),
        ("He is scheduled to make his initial appearance in federal court on Friday.", "pretrial"),
        ("A superseding indictment unsealed today charges 37 people with heroin trafficking.", "pretrial"),
        ("Thirty-four individuals are facing federal drug charges after the investigation.", "pretrial"),
        ("UNITED STATES OF AMERICA\n- v. - : SEALED SUPERSEDING\n: INDICTMENT", "sealed"),
    ],
)
def test_plea_status_in_prose(text, expected):
    assert best(run("expediente_plea", text, "plea")).value == expected


def test_hypothetical_verdict_is_below_the_roll_up_floor():
    found = run("expediente_plea", "The jury decides forfeiture only if it returns a guilty verdict.", "plea")
    assert all(f.confidence < 0.4 for f in found)


def _with_defendant(text, name):
    import spacy

    from expediente.extractors.findings import Finding, add

    nlp = spacy.blank("en")
    nlp.add_pipe("expediente_plea")
    doc = nlp.make_doc(text)
    add(doc, Finding("defendant", name, 0, 1, 0.9, "test", "1", {}))
    doc = nlp(doc)
    return {f.value: f.confidence for f in doc._.findings if f.field == "plea"}


@pytest.mark.parametrize(
    ("text", "own_case"),
    [
        ("Moreno was later sentenced to 30 years after a federal jury convicted him of kidnapping.", False),
        ("See United States v. Castillo (sentenced to life after a jury convicted him at trial).", False),
        ("On June 5, a federal jury convicted Ochoa on all counts.", True),
        ("On June 5, a jury found each defendant guilty on all counts.", True),
    ],
)
def test_another_case_verdict_is_discounted(text, own_case):
    found = _with_defendant(text, "Luis Ochoa Vega")
    assert (found["trial"] >= 0.6) is own_case


@pytest.mark.parametrize(
    "text",
    [
        "The indictment is dismissed as to defendant JOHN ROE.",
        "ORDER granting 45 Motion to Dismiss as to John Roe (1).",
        "The Court GRANTS the government's motion to dismiss the indictment.",
        "The government's motion to dismiss the indictment is GRANTED.",
        "All charges against him were dismissed in 2019.",
        "ORDER OF DISMISSAL as to John Roe.",
        "On motion of the United States, the Court dismisses the indictment against defendant Luis Mora.",
    ],
)
def test_the_whole_case_dismissed(text):
    assert best(run("expediente_plea", text, "plea")).value == "dismissed"


@pytest.mark.parametrize(
    "text",
    [
        "ORDER granting Motion to Dismiss Counts 2-4 as to John Roe (1).",  # some counts: dismiss_counts
        "The remaining counts of the indictment are dismissed on the motion of the United States.",
        "The Court grants the motion to dismiss the indictment as to Counts 3 and 4.",
        "Underlying indictment dismissed on motion of the United States.",  # after a plea to an information
    ],
)
def test_counts_dismissed_after_a_plea_are_no_dismissed_status(text):
    assert all(f.value != "dismissed" for f in run("expediente_plea", text, "plea"))
