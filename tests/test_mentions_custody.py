import pytest

from tests._mention_helper import best, run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The defendant was extradited from Mexico to the United States in January 2017.", "extradited"),
        ("He arrived in the United States pursuant to extradition on May 3, 2019.", "extradited"),
        ("The defendant was arrested at the San Ysidro Port of Entry while driving a truck.", "arrested_us"),
        ("Border Patrol agents arrested RAMIREZ near the fence.", "arrested_us"),
        ("He was apprehended by Border Patrol agents near Calexico.", "arrested_us"),
        ("02/04/2017 Arrest of Juan Perez-Lopez on 2/4/2017.", "arrested_us"),
        # regression: docket entries as corpus.html_docket renders them ("date | # | text")
        ("12/17/2014 | | Arrest of Juan Perez-Lopez (no document attached)", "arrested_us"),
        # arrests told as nouns or with an adverb, as sentencing memos and transcripts put them
        ("He continued to deal after Mr. Ortega's arrest in March of 2015.", "arrested_us"),
        ("Following her arrest as she tried to cross the border, she was detained.", "arrested_us"),
        ("He was eventually arrested in Laredo.", "arrested_us"),
        ("The defendant was arrested by Mexican federal authorities in Culiacan in 2016.", "detained_abroad"),
        ("He was arrested in Sinaloa, Mexico, where he remains.", "detained_abroad"),
        ("He voluntarily surrendered to the DEA in Calexico.", "surrendered"),
        ("The defendant turned himself in to federal agents.", "surrendered"),
        ("Ruiz, who was in state custody, has been transferred to federal custody.", "arrested_us"),
        (
            "LUIS SOTO-VEGA, a.k.a. Güero, age 45, resident of Aurora, from Mexico ARRESTED TODAY IN AURORA",
            "arrested_us",
        ),
        ("The day after the indictment, he was deported from France to the United States.", "extradited"),
        ("After his self-surrender to U.S. law enforcement authorities at the port, he was arraigned.", "surrendered"),
        ("The search covered messages sent in the weeks after the defendants' arrests.", "arrested_us"),
        ("The court ordered forfeiture of the cash seized during your arrest in this case.", "arrested_us"),
        ("Agents of the FBI attempted to arrest MORALES at the ranch, and he resisted arrest.", "arrested_us"),
        ("He was detained under 18 U.S.C. § 3142 after his lawful arrest on the complaint.", "arrested_us"),
    ],
)
def test_custody(text, expected):
    assert best(run("expediente_custody", text, "custody")).value == expected


@pytest.mark.parametrize(
    "text",
    [
        "An arrest warrant was issued for the defendant.",
        "His prior arrest history includes two misdemeanors.",
        "The defendant shall surrender for service of sentence at the institution designated by the Bureau of Prisons.",
        "If you are arrested or questioned by a law enforcement officer, you must notify the probation officer.",
        "Surrender of Passport as to the defendant.",
        "The defendant is remanded to the custody of the United States Marshal.",
        "Defendant to self-surrender by noon on 5/3/2013 to the designated institution.",
        "He was not arrested until years later.",
        "The leader told the crowd they were making a citizen's arrest of the officials.",
    ],
)
def test_not_custody(text):
    assert run("expediente_custody", text, "custody") == []
