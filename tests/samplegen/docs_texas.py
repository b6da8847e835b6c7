"""Texas: a W.D. Tex. superseding indictment (CCE, a former municipal police commander) and the leader's
judgment after trial; an S.D. Tex. hostage-taking indictment delivered as a text file. All invented."""

from __future__ import annotations

from tests.samplegen.common import (
    COURTS,
    Cite,
    Count,
    Doc,
    Phrases,
    cite_text,
    combine,
    ecf_header,
    footer,
    statutes,
)
from tests.samplegen.common import truth_row as row
from tests.samplegen.forms import Defendant, alias_phrase, ao245b
from tests.samplegen.layout import Cell, P, Row, Space, Style

CARO = Defendant("Leobardo Caro-Fonseca", ["El Ingeniero"], 1)
NAVA = Defendant("Aurelio Nava-Treviño", ["Comandante Nava"], 2)
ROBLES = Defendant("Esteban Robles-Zamudio", [], 3)
ARREOLA = Defendant("Guadalupe Arreola-Pineda", ["La Flaca"], 4)

CCE = Cite("21", ("848(a)", "848(c)"))
DIST = Cite("21", ("841(a)(1)", "846"))
IMP = Cite("21", ("952(a)", "960(a)(1)", "963"))
ML = Cite("18", ("1956(h)",))
GUN = Cite("18", ("924(c)(1)(A)(i)", "2"))
TX_COUNTS = [
    Count("1", [CCE], "Continuing Criminal Enterprise"),
    Count("2", [DIST], "Conspiracy to Possess with Intent to Distribute Cocaine and Methamphetamine"),
    Count("3", [IMP], "Conspiracy to Import Cocaine and Methamphetamine"),
    Count("4", [ML], "Conspiracy to Launder Monetary Instruments"),
    Count("5", [GUN], "Possession of a Firearm in Furtherance of a Drug Trafficking Crime"),
]


def superseding(seed: int) -> Doc:
    ph = Phrases(f"{seed}:txwd-superseding")
    conn = "also known as"
    left = (
        "UNITED STATES OF AMERICA,\n          Plaintiff,\nv.\n\n"
        f"(1) {CARO.upper}{alias_phrase(CARO, conn)},\n(2) {NAVA.upper}{alias_phrase(NAVA, conn)},\n"
        f"(3) {ROBLES.upper},\n(4) {ARREOLA.upper}{alias_phrase(ARREOLA, conn)},\n\n          Defendants."
    )
    vio = "; ".join(f"{cite_text(c.cites[0], 'usc_short')}, {c.description}" for c in TX_COUNTS)
    right = f"CRIMINAL NO. SA-18-CR-613-XR\n\nSUPERSEDING INDICTMENT\n\n[Vio: {vio}]"
    coke = ph("mixture", drug="cocaine", schedule="II")
    meth = ph("mixture", drug="methamphetamine", schedule="II")
    blocks = [
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0),
        P("WESTERN DISTRICT OF TEXAS", align="center", font="serif-bold", after=0),
        P("SAN ANTONIO DIVISION", align="center", font="serif-bold", after=10),
        Row(
            [Cell(0, 225, left), Cell(255, 213, right)], size=11, leading=13, sep_x=237, sep="§", sep_lines=12, after=12
        ),
        P(ph("grand_jury_charges"), align="center", font="serif-bold", after=8),
        P("INTRODUCTION", align="center", font="serif-bold", after=6),
        P(
            "At times material to this Superseding Indictment, a drug trafficking organization based in the State "
            "of Coahuila, Mexico, obtained multi-ton quantities of cocaine from suppliers in Central America and "
            "methamphetamine from laboratories in Michoacán, and moved them across the Rio Grande into the "
            "Western District of Texas for distribution in San Antonio and elsewhere.",
            first=36,
            leading=22,
            after=4,
        ),
        P(
            f"{CARO.upper} directed the organization and employed at least five other persons in supervisory "
            f"roles. {NAVA.upper} was a former commander of the municipal police of Piedras Negras, Coahuila, who "
            "while in office provided the organization with advance warning of law enforcement operations and "
            "assigned officers under his command to escort shipments to the border.",
            first=36,
            leading=22,
            after=4,
        ),
        P(
            "Members of the organization used [[v:threats|threats]] and [[v:other_violence|violence]] to collect "
            "drug debts and to protect their routes, including the [[v:kidnapping|kidnapping]] of couriers "
            "suspected of stealing loads.",
            first=36,
            leading=22,
            after=8,
        ),
        P("COUNT ONE", align="center", font="serif-bold", after=0),
        P(f"[{cite_text(CCE, 'usc_short')}]", align="center", after=4),
        P(
            f"From in or about January 2012, through the date of this Superseding Indictment, in the Western "
            f"District of Texas and elsewhere, Defendant {CARO.upper} did knowingly and intentionally engage in a "
            "continuing criminal enterprise, in that he committed violations of Title 21, United States Code, "
            "Sections 841, 846, 952, 960 and 963, which were part of a continuing series of violations undertaken "
            "in concert with five or more other persons, with respect to whom he occupied a position of "
            "organizer, supervisor and manager, and from which he obtained substantial income and resources, "
            f"in violation of {cite_text(CCE, 'title')}.",
            first=36,
            leading=22,
            after=8,
        ),
        P("COUNT TWO", align="center", font="serif-bold", after=0),
        P(f"[{cite_text(DIST, 'usc')}]", align="center", after=4),
        P(
            "From in or about January 2012, through the date of this Superseding Indictment, in the Western "
            f"District of Texas and elsewhere, Defendants {CARO.upper}, {NAVA.upper}, {ROBLES.upper} and "
            f"{ARREOLA.upper} "
            + ph("conspire_distribute", drug=f"five kilograms or more of {coke} and 500 grams or more of {meth}")
            + ", contrary to Title 21, United States Code, Section 841(a)(1); "
            + ph("in_violation", cite=cite_text(DIST, "title")),
            first=36,
            leading=22,
            after=8,
        ),
        P("COUNT THREE", align="center", font="serif-bold", after=0),
        P(f"[{cite_text(IMP, 'usc', oxford=True)}]", align="center", after=4),
        P(
            "During the same period, in the Western District of Texas and elsewhere, Defendants "
            f"{CARO.upper}, {NAVA.upper} and {ROBLES.upper} "
            + ph("conspire_import", drug=f"five kilograms or more of {coke} and 500 grams or more of {meth}")
            + f", in violation of {cite_text(IMP, 'usc', oxford=True)}.",
            first=36,
            leading=22,
            after=8,
        ),
        P("COUNT FOUR", align="center", font="serif-bold", after=0),
        P(f"[{cite_text(ML, 'bare')}]", align="center", after=4),
        P(
            f"From in or about 2014 through 2018, Defendants {CARO.upper} and {ARREOLA.upper} knowingly "
            "conspired to conduct financial transactions involving the proceeds of the unlawful distribution "
            "of controlled substances, knowing that the transactions were designed to conceal the nature, "
            "source, ownership and control of those proceeds, and to transport monetary instruments and funds "
            "from the United States to Mexico, in violation of Title 18, United States Code, Sections "
            "1956(a)(1)(B)(i) and 1956(a)(2)(B)(i); all in violation of 18 U.S.C. 1956(h).",
            first=36,
            leading=22,
            after=8,
        ),
        P("COUNT FIVE", align="center", font="serif-bold", after=0),
        P(f"[{cite_text(GUN, 'usc')}]", align="center", after=4),
        P(
            f"On or about August 9, 2017, in the Western District of Texas, Defendants {NAVA.upper} and "
            f"{ROBLES.upper}, aided and abetted by each other, knowingly possessed firearms, namely two AR-15 "
            "style rifles, in furtherance of a drug trafficking crime for which they may be prosecuted in a "
            "court of the United States, that is, the conspiracy charged in Count Two, in violation of "
            f"{cite_text(GUN, 'title')}.",
            first=36,
            leading=22,
            after=8,
        ),
        P("NOTICE OF GOVERNMENT'S DEMAND FOR FORFEITURE", align="center", font="serif-bold", after=4),
        P(
            "Upon conviction of the offenses in Counts One through Three, Defendants shall forfeit to the United "
            "States all property constituting or derived from proceeds of the violations, pursuant to 21 U.S.C. "
            "§ 853(a)(1) and (2); upon conviction of Count Four, all property involved in the offense, pursuant "
            "to 18 U.S.C. § 982(a)(1); and upon conviction of Count Five, the firearms and ammunition involved, "
            "pursuant to 18 U.S.C. § 924(d)(1), including a money judgment of not less than $25,000,000.",
            first=36,
            leading=22,
            after=12,
        ),
        P("A TRUE BILL.", indent=260, after=14),
        P("FOREPERSON OF THE GRAND JURY", indent=260, after=14),
        P(
            "JAMES T. CALLOWAY\nUNITED STATES ATTORNEY\n\nBy: ANDREA K. SOLÍS\nAssistant United States Attorney",
            leading=14,
        ),
    ]
    style = Style(
        left=72,
        right=72,
        top=60,
        bottom=60,
        chrome=combine(ecf_header("5:18-cr-00613-XR", 211, "03/13/19"), footer("")),
    )
    truth = row(
        doc_type="superseding_indictment",
        court_id="txwd",
        court=COURTS["txwd"],
        case_number="5:18-cr-00613",
        defendants=[CARO.name, NAVA.name, ROBLES.name, ARREOLA.name],
        aliases=CARO.aliases + NAVA.aliases + ARREOLA.aliases,
        counts=[c.truth() for c in TX_COUNTS],
        statutes_cited=statutes([c.cites[0] for c in TX_COUNTS]),
        drugs=[
            {"drug": "cocaine", "quantity": "five kilograms or more"},
            {"drug": "methamphetamine", "quantity": "500 grams or more"},
        ],
        plea="pretrial",
        public_official=True,
        date_filed="2019-03-13",
    )
    return Doc(
        "txwd_18cr613_superseding_indictment.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="Four defendants, CCE + 846 + 963 + 1956(h) + 924(c); a former municipal police commander",
    )


def judgment_after_trial(seed: int) -> Doc:
    blocks = ao245b(
        district="Western District of Texas",
        defendant=CARO,
        case_number="SA-18-CR-00613(1)-XR",
        usm="77315-380",
        attorney="Marcus D. Villalobos",
        counts=TX_COUNTS[:4],
        offense_ended="03/13/2019",
        pleaded=None,
        found_guilty="One, Two, Three and Four of the Superseding Indictment on September 24, 2020",
        dismissed=None,
        months="FOUR HUNDRED TWENTY (420) MONTHS",
        months_words="",
        extra_imprisonment="This term consists of 420 months on Count One and 240 months on each of Counts "
        "Two, Three and Four, all terms to run concurrently.",
        supervised="FIVE (5) YEARS",
        judge="XAVIER RENDÓN\nUnited States District Judge",
        imposed="January 21, 2021",
        recommendation="That the defendant be designated to a facility where he can receive medical care for diabetes.",
    )
    style = Style(left=54, right=54, top=48, bottom=48, chrome=ecf_header("5:18-cr-00613-XR", 402, "01/25/21"))
    truth = row(
        doc_type="judgment",
        court_id="txwd",
        court=COURTS["txwd"],
        case_number="5:18-cr-00613",
        defendants=[CARO.name],
        counts=[c.truth() for c in TX_COUNTS[:4]],
        statutes_cited=statutes([c.cites[0] for c in TX_COUNTS[:4]]),
        plea="trial",
        sentence_months=420,
        date_filed="2021-01-25",
        date_sentenced="2021-01-21",
    )
    return Doc(
        "txwd_18cr613_judgment_caro_fonseca.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="AO 245B after a jury trial ('was found guilty on count(s)'), 420 months",
    )


SALCIDO = Defendant("Rigoberto Salcido-Armenta", ["El Chato"], 1)
OLIVAS = Defendant("Fausto Olivas-Reyna", ["Primo", "Tío"], 2)
H_CONSP = Cite("18", ("1203(a)",))
H_SUBST = Cite("18", ("1203(a)", "2"))
K_CONSP = Cite("18", ("1201(a)(1)", "1201(c)"))
BRANDISH = Cite("18", ("924(c)(1)(A)(ii)", "2"))
MJ = Cite("21", ("846", "841(a)(1)", "841(b)(1)(B)(vii)"))


def hostage_indictment_txt(seed: int) -> Doc:
    ph = Phrases(f"{seed}:txsd-hostage")
    conn = ph.choice(["a.k.a.", "a/k/a"])
    counts = [
        Count("1", [H_CONSP], "Conspiracy to Commit Hostage Taking"),
        Count("2", [H_SUBST], "Hostage Taking"),
        Count("3", [K_CONSP], "Conspiracy to Kidnap"),
        Count("4", [BRANDISH], "Brandishing a Firearm During and in Relation to a Crime of Violence"),
        Count("5", [MJ], "Conspiracy to Possess with Intent to Distribute Marijuana"),
    ]
    caption = (
        f"UNITED STATES OF AMERICA\n\n          v.\n\n{SALCIDO.upper}{alias_phrase(SALCIDO, conn)}\n"
        f"and\n{OLIVAS.upper}{alias_phrase(OLIVAS, conn)}"
    )
    blocks = [
        P("UNITED STATES DISTRICT COURT", align="center", after=0),
        P("SOUTHERN DISTRICT OF TEXAS", align="center", after=0),
        P("HOUSTON DIVISION", align="center", after=12),
        Row(
            [Cell(0, 230, caption), Cell(270, 190, "\n\nCRIMINAL NO. H-19-738\n\nUNDER SEAL (unsealed 11/04/19)")],
            sep_x=245,
            sep="§",
            sep_lines=8,
            after=14,
        ),
        P("INDICTMENT", align="center", after=8),
        P("THE GRAND JURY CHARGES:", after=8),
        P("COUNT ONE", align="center", after=0),
        P("(Conspiracy to Commit [[v:hostage_taking|Hostage Taking]] - 18 U.S.C. § 1203(a))", align="center", after=6),
        P(
            "From on or about September 2, 2019, through on or about September 6, 2019, in the Houston Division "
            f"of the Southern District of Texas, the defendants {SALCIDO.upper} and {OLIVAS.upper} did knowingly "
            "conspire with each other and with others to seize and detain [[x:us_citizen|Victim-1, a United "
            "States citizen]], and to [[v:threats|threaten]] to [[v:murder|kill]], to injure and to continue to "
            "detain Victim-1, in order to compel a third person, namely members of Victim-1's family, to pay "
            "money as a condition for the release of Victim-1, in violation of Title 18, United States Code, "
            "Section 1203(a).",
            first=36,
            after=8,
        ),
        P("COUNT TWO", align="center", after=0),
        P("([[v:hostage_taking|Hostage Taking]] - 18 U.S.C. §§ 1203(a) and 2)", align="center", after=6),
        P(
            "On or about the same dates, in the Southern District of Texas, the defendants, aiding and abetting "
            "each other, did seize and detain Victim-1 and [[x:minor|Victim-2, a sixteen-year-old boy]], at a "
            "residence on Bellfort Avenue in Houston, and did [[v:threats|threaten]] to [[v:murder|kill]] them "
            "unless a ransom of $30,000 was paid to recover the value of a lost load of marijuana, "
            f"in violation of {cite_text(H_SUBST, 'title')}.",
            first=36,
            after=8,
        ),
        P("COUNT THREE", align="center", after=0),
        P("(Conspiracy to [[v:kidnapping|Kidnap]] - 18 U.S.C. § 1201(c))", align="center", after=6),
        P(
            "On or about September 2, 2019, in the Southern District of Texas, the defendants conspired to "
            "unlawfully seize, confine, [[v:kidnapping|kidnap]], abduct and carry away Victim-1 and hold him for "
            "ransom and reward, using a cellular telephone, a facility and instrumentality of interstate "
            "commerce, in committing and in furtherance of the offense, and one of the conspirators drove "
            f"Victim-1 from Pasadena, Texas, to Houston; in violation of {cite_text(K_CONSP, 'bare')}.",
            first=36,
            after=8,
        ),
        P("COUNT FOUR", align="center", after=0),
        P("(Brandishing a Firearm - 18 U.S.C. § 924(c)(1)(A)(ii))", align="center", after=6),
        P(
            f"On or about September 2, 2019, the defendant {SALCIDO.upper} knowingly used, carried and brandished "
            "a firearm, namely a 9mm pistol, during and in relation to a crime of [[v:other_violence|violence]] "
            "for which he may be prosecuted in a court of the United States, namely the offenses in Counts One "
            "through Three, and did aid and abet the same; in violation of "
            f"{cite_text(BRANDISH, 'usc')}.",
            first=36,
            after=8,
        ),
        P("COUNT FIVE", align="center", after=0),
        P("(Conspiracy to Possess with Intent to Distribute Marijuana)", align="center", after=6),
        P(
            "From in or about March 2019 through September 6, 2019, the defendants "
            + ph(
                "conspire_distribute",
                drug="100 kilograms or more of a mixture and substance containing a detectable amount of marijuana",
            )
            + f", in violation of {cite_text(MJ, 'usc_short', oxford=True)}.",
            first=36,
            after=12,
        ),
        P("NOTICE OF CRIMINAL FORFEITURE (18 U.S.C. § 924(d)(1); 28 U.S.C. § 2461(c))", align="center", after=6),
        P(
            "Upon conviction of Count Four, the defendant SALCIDO-ARMENTA shall forfeit the firearm and ammunition "
            "involved in the offense.",
            first=36,
            after=14,
        ),
        P("A TRUE BILL:", indent=250, after=10),
        P("Original Signature on File", indent=250, after=0),
        P("FOREPERSON OF THE GRAND JURY", indent=250, after=12),
        P(
            "DEREK M. HOLLOWAY\nUNITED STATES ATTORNEY\n\nBy: _______________________\nNATALIA P. ORDAZ\n"
            "Assistant United States Attorney",
            leading=14,
        ),
        Space(4),
    ]
    style = Style(left=72, right=72, top=54, bottom=60, chrome=footer(""))
    truth = row(
        doc_type="indictment",
        court_id="txsd",
        court=COURTS["txsd"],
        case_number="19-cr-00738",
        defendants=[SALCIDO.name, OLIVAS.name],
        aliases=SALCIDO.aliases + OLIVAS.aliases,
        counts=[c.truth() for c in counts],
        statutes_cited=statutes([c for k in counts for c in k.cites]),
        drugs=[{"drug": "marijuana", "quantity": "100 kilograms or more"}],
        plea="pretrial",
    )
    return Doc(
        "txsd_19cr738_indictment_hostage_taking.txt",
        "txt",
        truth,
        blocks,
        style,
        seed=seed,
        note="Text extraction of a filed indictment; Texas '§' caption column; 1203/1201/924(c); victims",
    )


def build(seed: int) -> list[Doc]:
    return [superseding(seed), judgment_after_trial(seed), hostage_indictment_txt(seed)]
