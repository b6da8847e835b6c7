"""S.D. Cal.: a port-of-entry complaint, a pleading-paper indictment and plea agreement, an AO 245B judgment.

United States v. Tapia-Medrano et al., 3:19-cr-02871-CAB (invented)."""

from __future__ import annotations

from tests.samplegen.common import COURTS, Cite, Count, Doc, Phrases, cite_text, combine, ecf_header, footer, statutes
from tests.samplegen.common import truth_row as row
from tests.samplegen.forms import Defendant, alias_phrase, ao245b, california_caption
from tests.samplegen.layout import Break, P, Space, Style

COURT = "casd"
TAPIA = Defendant("José Alfredo Tapia-Medrano", ["El Gallo"], 1)
QUINONES = Defendant("Ramiro Quiñones-Beltrán", [], 2)
LIZARRAGA = Defendant("Yesenia Lizárraga-Osuna", ["La Güera"], 3)

IMPORT = Cite("21", ("952", "960"))
CONSPIRACY = Cite("21", ("952", "960", "963"))
C1 = Count("1", [CONSPIRACY], "Conspiracy to Import Methamphetamine and Fentanyl")
C2 = Count("2", [IMPORT], "Importation of Methamphetamine")
C3 = Count("3", [IMPORT], "Importation of Fentanyl")


def _pleading(case: str, doc_no: int, filed: str, foot: str) -> Style:
    return Style(
        left=90,
        right=60,
        top=72,
        bottom=60,
        pleading=True,
        chrome=combine(ecf_header(case, doc_no, filed), footer(foot, numbered=True, y=770)),
    )


def complaint(seed: int) -> Doc:
    ph = Phrases(f"{seed}:casd-complaint")
    case = "3:19-mj-21544-MSB"
    d = QUINONES
    blocks = [
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0, leading=14),
        P("SOUTHERN DISTRICT OF CALIFORNIA", align="center", font="serif-bold", after=10, leading=14),
        *california_caption(
            f"UNITED STATES OF AMERICA,\n\n          Plaintiff,\n\n     v.\n\n{d.upper},\n\n          Defendant.",
            "Magistrate Case No. 19MJ21544\n\nCOMPLAINT FOR VIOLATION OF:\n\n"
            "Title 21, U.S.C., Secs. 952 and 960 - Importation of a Controlled Substance (Felony)",
        ),
        P("The undersigned complainant being duly sworn states:", leading=24, after=0),
        P("Count 1", align="center", font="serif-bold", leading=24, after=0),
        P(
            f"On or about June 1, 2019, within the Southern District of California, defendant {d.upper} did "
            "knowingly and intentionally import 500 grams and more of a mixture and substance containing a "
            "detectable amount of methamphetamine, a Schedule II Controlled Substance, into the United States "
            f"from a place outside thereof; in violation of {cite_text(IMPORT, 'bare')}.",
            first=36,
            after=0,
        ),
        P("Count 2", align="center", font="serif-bold", leading=24, after=0),
        P(
            f"On or about June 1, 2019, within the Southern District of California, defendant {d.upper} did "
            "knowingly and intentionally import 400 grams and more of a mixture and substance containing a "
            "detectable amount of N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl] propanamide (fentanyl), a "
            "Schedule II Controlled Substance, into the United States from a place outside thereof; in violation "
            f"of {cite_text(IMPORT, 'usc')}.",
            first=36,
            after=0,
        ),
        P(
            "And the complainant states that this complaint is based on the attached Statement of Facts "
            "incorporated herein by reference.",
            first=36,
            after=12,
        ),
        P("SPECIAL AGENT DANIELA WHITCOMB", indent=230, leading=14, after=0),
        P("HOMELAND SECURITY INVESTIGATIONS", indent=230, leading=14, after=10),
        P("Sworn to before me and subscribed in my presence, June 3, 2019.", first=36, after=10),
        P("HON. MARISA S. BRENNAN", indent=230, leading=14, after=0),
        P("UNITED STATES MAGISTRATE JUDGE", indent=230, leading=14, after=0),
        Break(),
        P("PROBABLE CAUSE STATEMENT", align="center", font="serif-bold", after=0),
        P(
            "I, Special Agent Daniela Whitcomb, declare under penalty of perjury that the following is true "
            "and correct. I have been employed by Homeland Security Investigations since 2012 and am assigned "
            "to the Contraband Smuggling Group in San Diego. The facts below come from my own observations "
            "and from reports of Customs and Border Protection Officers which I have reviewed.",
            first=36,
            after=0,
        ),
        P(
            f"On June 1, 2019, at approximately 5:40 a.m., {d.upper}, a citizen of Mexico, applied for entry "
            "into the United States at the Otay Mesa Port of Entry as the driver and sole occupant of a grey "
            "2011 Nissan Altima bearing Baja California license plates. QUIÑONES presented a valid Border "
            "Crossing Card and gave a negative customs declaration.",
            first=36,
            after=0,
        ),
        P(
            "A Customs and Border Protection Officer noticed that the fuel gauge read full while the tank sounded "
            "solid when tapped, and referred the vehicle to secondary inspection. A narcotics detector dog alerted "
            "to the rear undercarriage. Officers removed the fuel tank and found 48 packages concealed inside it.",
            first=36,
            after=0,
        ),
        P(
            "Forty-two packages contained a white crystalline substance that field-tested positive for "
            "methamphetamine, with a total weight of approximately 22.6 kilograms. Six packages contained "
            "blue tablets that field-tested positive for fentanyl, with a total weight of approximately "
            "3.1 kilograms.",
            first=36,
            after=0,
        ),
        P(
            f"QUIÑONES {ph('custody_arrested_us', port='Otay Mesa', date='June 1, 2019')}. After waiving his "
            'Miranda rights, he stated that a man he knew as "Gallo" had promised him $4,000 to drive the car to a '
            "parking lot in Chula Vista, and that he had made two similar trips in May 2019.",
            first=36,
            after=0,
        ),
        P("Executed on June 2, 2019, at 10:15 a.m.", first=36, after=14),
        P("Daniela Whitcomb, Special Agent", indent=230, leading=14, after=0),
        P("Homeland Security Investigations", indent=230, leading=14, after=0),
    ]
    style = _pleading(case, 1, "06/03/19", "COMPLAINT")
    truth = row(
        doc_type="complaint",
        court_id=COURT,
        court=COURTS[COURT],
        case_number="3:19-mj-21544",
        defendants=[d.name],
        aliases=[],
        counts=[
            Count("1", [IMPORT], "Importation of Methamphetamine").truth(),
            Count("2", [IMPORT], "Importation of Fentanyl").truth(),
        ],
        statutes_cited=statutes([IMPORT]),
        drugs=[
            {"drug": "methamphetamine", "quantity": "500 grams and more"},
            {"drug": "fentanyl", "quantity": "400 grams and more"},
        ],
        custody="arrested_us",
        plea="pretrial",
        date_filed="2019-06-03",
        date_arrested="2019-06-01",
        nationality="Mexico",
    )
    return Doc("casd_19mj21544_complaint_quinones.pdf", "pdf", truth, blocks, style, seed=seed)


def indictment(seed: int) -> Doc:
    ph = Phrases(f"{seed}:casd-indictment")
    conn = ph.choice(["aka", "a/k/a"])
    left = (
        "UNITED STATES OF AMERICA,\n\n          Plaintiff,\n\n     v.\n\n"
        f"{TAPIA.upper} (1){alias_phrase(TAPIA, conn)},\n{QUINONES.upper} (2),\n"
        f"{LIZARRAGA.upper} (3){alias_phrase(LIZARRAGA, conn)},\n\n          Defendants."
    )
    right = (
        "Case No. 19CR2871-CAB\n\nI N D I C T M E N T\n\n"
        "Title 21, U.S.C., Secs. 952, 960 and 963 - Conspiracy to Import Methamphetamine and Fentanyl; "
        "Title 21, U.S.C., Secs. 952 and 960 - Importation of Methamphetamine and Fentanyl; "
        "Title 21, U.S.C., Sec. 853 - Criminal Forfeiture"
    )
    meth = ph("mixture", drug="methamphetamine", schedule="II")
    fent = ph("mixture", drug="fentanyl", schedule="II")
    blocks = [
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0, leading=14),
        P("SOUTHERN DISTRICT OF CALIFORNIA", align="center", font="serif-bold", after=0, leading=14),
        P("May 2019 Grand Jury", align="center", after=8, leading=14),
        *california_caption(left, right),
        P(ph("grand_jury_charges"), first=36, after=0),
        P("Count 1", align="center", font="serif-bold", after=0),
        P(
            "Beginning at a date unknown to the grand jury and continuing up to and including June 1, 2019, "
            f"within the Southern District of California and elsewhere, defendants {TAPIA.upper}, "
            f"{QUINONES.upper}, and {LIZARRAGA.upper} "
            + ph("conspire_import", drug=f"500 grams and more of {meth} and 400 grams and more of {fent}")
            + "; "
            + ph("in_violation", cite=cite_text(CONSPIRACY, "title")),
            first=36,
            after=0,
        ),
        P("Count 2", align="center", font="serif-bold", after=0),
        P(
            f"On or about June 1, 2019, within the Southern District of California, defendants {TAPIA.upper} "
            f"and {QUINONES.upper} did knowingly and intentionally import 500 grams and more of {meth} into the "
            f"United States from a place outside thereof; in violation of {cite_text(IMPORT, 'usc')}, and "
            "Title 18, United States Code, Section 2.",
            first=36,
            after=0,
        ),
        P("Count 3", align="center", font="serif-bold", after=0),
        P(
            f"On or about June 1, 2019, within the Southern District of California, defendants {TAPIA.upper} "
            f"and {QUINONES.upper} did knowingly and intentionally import 400 grams and more of {fent} into the "
            f"United States from a place outside thereof; in violation of {cite_text(IMPORT, 'bare')}, and "
            "18 U.S.C. 2.",
            first=36,
            after=0,
        ),
        P("FORFEITURE ALLEGATION", align="center", font="serif-bold", after=0),
        P(
            "Upon conviction of any offense alleged in Counts 1 through 3, the defendants shall forfeit to the "
            "United States, pursuant to Title 21, United States Code, Section 853, any property constituting or "
            "derived from proceeds obtained as a result of the offense, and any property used to facilitate it, "
            "including a grey 2011 Nissan Altima.",
            first=36,
            after=0,
        ),
        P("DATED: June 27, 2019.", first=36, after=0),
        P("A TRUE BILL:", indent=250, after=0),
        P("Foreperson", indent=250, after=0),
        P("HOLLIS R. BRANDT\nUnited States Attorney", leading=14, after=4),
        P("By: TOMÁS E. ARAGÓN\nAssistant U.S. Attorney", leading=14),
    ]
    style = _pleading("3:19-cr-02871-CAB", 24, "06/27/19", "")
    aid = Cite("18", ("2",))
    counts = [
        C1.truth(),
        Count("2", [IMPORT, aid], C2.description).truth(),
        Count("3", [IMPORT, aid], C3.description).truth(),
    ]
    truth = row(
        doc_type="indictment",
        court_id=COURT,
        court=COURTS[COURT],
        case_number="3:19-cr-02871",
        defendants=[TAPIA.name, QUINONES.name, LIZARRAGA.name],
        aliases=TAPIA.aliases + LIZARRAGA.aliases,
        counts=counts,
        statutes_cited=statutes([CONSPIRACY, aid]),
        drugs=[
            {"drug": "methamphetamine", "quantity": "500 grams and more"},
            {"drug": "fentanyl", "quantity": "400 grams and more"},
        ],
        plea="pretrial",
        date_filed="2019-06-27",
    )
    return Doc(
        "casd_19cr2871_indictment.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="Pleading-paper indictment, three defendants, aliases with 'aka'/'a/k/a', citations as 'Secs.'",
    )


def plea_agreement(seed: int) -> Doc:
    ph = Phrases(f"{seed}:casd-plea")
    d = QUINONES
    blocks = [
        P(
            "HOLLIS R. BRANDT\nUnited States Attorney\nTOMÁS E. ARAGÓN\nAssistant U.S. Attorney\n"
            "California Bar No. 301122\nFederal Office Building\n950 Harbor Drive, Suite 500\n"
            "San Diego, California 92101\nAttorneys for Plaintiff\nUnited States of America",
            size=11,
            leading=12,
            after=8,
        ),
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0, leading=14),
        P("SOUTHERN DISTRICT OF CALIFORNIA", align="center", font="serif-bold", after=8, leading=14),
        *california_caption(
            f"UNITED STATES OF AMERICA,\n\n          Plaintiff,\n\n     v.\n\n{d.upper} (2),\n\n          Defendant.",
            "Case No. 19CR2871-CAB\n\nPLEA AGREEMENT",
        ),
        P(
            "IT IS HEREBY AGREED between the plaintiff, UNITED STATES OF AMERICA, through its counsel, Hollis R. "
            "Brandt, United States Attorney, and Tomás E. Aragón, Assistant United States Attorney, and "
            f"defendant {d.upper}, with the advice and consent of Leticia Ferrer-Haas, counsel for defendant, "
            "as follows:",
            first=36,
            after=0,
        ),
        P("I", align="center", font="serif-bold", after=0),
        P("THE PLEA", align="center", font="serif-bold", after=0),
        P(
            "Defendant agrees to plead guilty to Count 2 of the Indictment, charging defendant with importation "
            f"of methamphetamine, in violation of {cite_text(IMPORT, 'title')}. "
            + ph("dismiss", charging="Indictment"),
            first=36,
            after=0,
        ),
        P("II", align="center", font="serif-bold", after=0),
        P("NATURE OF THE OFFENSE", align="center", font="serif-bold", after=0),
        P(
            "Defendant is pleading guilty because he is in fact guilty, and he admits that the following facts "
            "are true and undisputed: On June 1, 2019, defendant, a citizen of Mexico, drove a 2011 Nissan Altima "
            f"north from Tijuana and {ph('custody_arrested_us', port='Otay Mesa', date='that morning')}"
            ". Officers found approximately 22.6 kilograms of methamphetamine (actual) concealed in the vehicle's "
            "fuel tank. Defendant knew the vehicle contained a controlled substance and intended to deliver it "
            "to another person in the United States for $4,000.",
            first=36,
            after=0,
        ),
        P("III", align="center", font="serif-bold", after=0),
        P("PENALTIES", align="center", font="serif-bold", after=0),
        P(
            "The crime to which defendant is pleading guilty carries the following penalties: a maximum of life "
            "imprisonment and a mandatory minimum of 10 years; a maximum fine of $10,000,000; a mandatory "
            "special assessment of $100; and a term of supervised release of at least 5 years.",
            first=36,
            after=0,
        ),
        P("IV", align="center", font="serif-bold", after=0),
        P("DEFENDANT'S WAIVER OF TRIAL RIGHTS", align="center", font="serif-bold", after=0),
        P(
            "Defendant understands that this guilty plea waives the right to a speedy and public trial by jury, "
            "the right to confront and cross-examine witnesses, the right to testify and present evidence, and "
            "the right not to be compelled to incriminate himself.",
            first=36,
            after=0,
        ),
        P("V", align="center", font="serif-bold", after=0),
        P("SENTENCING GUIDELINE CALCULATIONS", align="center", font="serif-bold", after=0),
        P(
            "The parties will jointly recommend the following Base Offense Level, Specific Offense "
            "Characteristics, Adjustments, and Departures: Base Offense Level [USSG § 2D1.1(c)(1)] 38; "
            "Safety Valve [§ 2D1.1(b)(18)] -2; Acceptance of Responsibility [§ 3E1.1] -3; Minor Role "
            "[§ 3B1.2(b)] -2; Combination of Circumstances departure [§ 5K2.0] -2.",
            first=36,
            after=0,
        ),
        P(ph("acceptance"), first=36, after=0),
        P(ph("safety_valve"), first=36, after=0),
        P(ph("disclaim_5k"), first=36, after=0),
        P("VI", align="center", font="serif-bold", after=0),
        P("APPEAL AND COLLATERAL ATTACK WAIVER", align="center", font="serif-bold", after=0),
        P(
            "In exchange for the Government's concessions in this plea agreement, defendant waives, to the full "
            "extent of the law, any right to appeal or to collaterally attack the conviction and any lawful "
            "restitution order, except a post-conviction collateral attack based on a claim of ineffective "
            "assistance of counsel. If the custodial sentence is not greater than the high end of the guideline "
            "range recommended by the Government, defendant also waives any right to appeal the sentence.",
            first=36,
            after=0,
        ),
        P("VII", align="center", font="serif-bold", after=0),
        P("NO OTHER PROMISES", align="center", font="serif-bold", after=0),
        P(
            "This plea agreement embodies the entire agreement between the parties. No other promises, "
            "inducements or representations have been made to the defendant in connection with this plea.",
            first=36,
            after=0,
        ),
        Space(12),
        P("DATED: October 11, 2019          TOMÁS E. ARAGÓN, Assistant U.S. Attorney", after=0),
        P("DATED: October 11, 2019          LETICIA FERRER-HAAS, Defense Counsel", after=0),
        P(f"DATED: October 11, 2019          {d.upper}, Defendant", after=0),
    ]
    style = _pleading("3:19-cr-02871-CAB", 61, "10/15/19", "Plea Agreement                Def. Initials ____")
    truth = row(
        doc_type="plea_agreement",
        court_id=COURT,
        court=COURTS[COURT],
        case_number="3:19-cr-02871",
        defendants=[d.name],
        counts=[C2.truth()],
        statutes_cited=statutes([IMPORT]),
        drugs=[{"drug": "methamphetamine", "quantity": "approximately 22.6 kilograms"}],
        benefits=["dismiss_counts", "acceptance_of_responsibility", "safety_valve"],
        custody="arrested_us",
        plea="plea",
        date_filed="2019-10-15",
        date_arrested="2019-06-01",
        date_plea="2019-10-11",
        nationality="Mexico",
    )
    return Doc(
        "casd_19cr2871_plea_agreement_quinones.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="Pleading paper (line numbers 1-28, ECF header each page); disclaims a 5K1.1 motion",
    )


def judgment(seed: int) -> Doc:
    d = QUINONES
    blocks = ao245b(
        district="Southern District of California",
        defendant=d,
        case_number="3:19-CR-02871-CAB-2",
        usm="86421-298",
        attorney="Leticia Ferrer-Haas",
        counts=[C2],
        offense_ended="06/01/2019",
        pleaded="2 of the Indictment",
        found_guilty=None,
        dismissed="1 and 3 of the Indictment",
        months="46 months",
        months_words="(forty-six months)",
        supervised="five (5) years",
        judge="HON. CATHERINE A. BRAVO\nUNITED STATES DISTRICT JUDGE",
        imposed="February 3, 2020",
        recommendation="The Court recommends placement in the Western Region, near San Diego, to facilitate "
        "family visits, and participation in the 500-hour Residential Drug Abuse Program.",
    )
    style = Style(left=54, right=54, top=48, bottom=48, chrome=ecf_header("3:19-cr-02871-CAB", 88, "02/07/20"))
    truth = row(
        doc_type="judgment",
        court_id=COURT,
        court=COURTS[COURT],
        case_number="3:19-cr-02871",
        defendants=[d.name],
        counts=[C2.truth()],
        statutes_cited=statutes([IMPORT]),
        benefits=["dismiss_counts"],
        plea="plea",
        sentence_months=46,
        date_filed="2020-02-07",
        date_sentenced="2020-02-03",
    )
    return Doc(
        "casd_19cr2871_judgment_quinones.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="AO 245B after a guilty plea; counts dismissed on motion of the United States",
    )


def build(seed: int) -> list[Doc]:
    return [complaint(seed), indictment(seed), plea_agreement(seed), judgment(seed)]
