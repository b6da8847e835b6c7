"""D.D.C. (a scanned superseding indictment), E.D.N.Y. (a CCE superseding indictment and a mixed-page
sentencing memorandum), N.D. Ill. (an information and a cooperation plea agreement) and S.D.N.Y. (a sealed
superseding indictment and a letter plea agreement). Every name, number and fact is invented."""

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
from tests.samplegen.forms import Defendant, alias_phrase, signature
from tests.samplegen.layout import Cell, P, Row, Rule, Space, Style

# --- D.D.C. -----------------------------------------------------------------------------------------
MENDIVIL = Defendant("Octavio Mendívil-Zazueta", ["El Contador", "Tavo"], 1)
LEYVA = Defendant("Cristian Omar Leyva-Rubio", ["El Siete"], 2)
DC_INTL = Cite("21", ("959(a)", "960", "963"))
DC_GUN = Cite("18", ("924(c)(1)(A)(i)", "924(c)(1)(B)(ii)", "2"))
DC_COUNTS = [
    Count(
        "1", [DC_INTL], "Conspiracy to Distribute Cocaine and Methamphetamine for Importation into the United States"
    ),
    Count("2", [DC_GUN], "Possession of Firearms, Including Machineguns, in Furtherance of a Drug Trafficking Crime"),
]


def dcd_scanned(seed: int) -> Doc:
    ph = Phrases(f"{seed}:dcd")
    left = (
        "UNITED STATES OF AMERICA\n\n          v.\n\n"
        f"{MENDIVIL.upper}{alias_phrase(MENDIVIL, 'also known as')},\n\nand\n\n"
        f"{LEYVA.upper}{alias_phrase(LEYVA, 'also known as')},\n\n          Defendants."
    )
    right = (
        "Criminal No. 20-cr-187 (RDM)\n\nVIOLATIONS:\n"
        f"{cite_text(DC_INTL, 'usc')}\n(Conspiracy to Distribute Five Kilograms or More of Cocaine and 500 Grams "
        "or More of Methamphetamine for Importation into the United States)\n"
        f"{cite_text(DC_GUN, 'usc_short')}\n(Possession of Machineguns in Furtherance of a Drug Trafficking Crime)\n"
        "Forfeiture: 21 U.S.C. §§ 853 and 970"
    )
    coke = ph("mixture", drug="cocaine", schedule="II")
    blocks = [
        P("UNITED STATES DISTRICT COURT", align="center", font="serif-bold", after=0),
        P("FOR THE DISTRICT OF COLUMBIA", align="center", font="serif-bold", after=4),
        P(
            "Holding a Criminal Term\nGrand Jury Sworn in on July 7, 2020",
            align="center",
            size=11,
            leading=13,
            after=10,
        ),
        Row([Cell(0, 225, left), Cell(255, 213, right)], size=11, leading=13, sep_x=237, sep_lines=14, after=10),
        P("SUPERSEDING INDICTMENT", align="center", font="serif-bold", after=6),
        P(ph("grand_jury_charges"), after=6),
        P("COUNT ONE", align="center", font="serif-bold", after=4),
        P(
            "Beginning in or around January 2015, and continuing through the date of this Superseding "
            f"Indictment, in Mexico, Guatemala and elsewhere, the defendants, {MENDIVIL.upper} and "
            f"{LEYVA.upper}, together with others both known and unknown to the Grand Jury, "
            + ph("conspire_manufacture_abroad", drug=f"five kilograms or more of {coke}")
            + ", and 500 grams or more of a mixture and substance containing a detectable amount of "
            "methamphetamine, in violation of Title 21, United States Code, Sections 959(a) and 960.",
            first=36,
            leading=18,
            after=4,
        ),
        P(
            f"(Conspiracy to Distribute for Unlawful Importation, in violation of {cite_text(DC_INTL, 'title')})",
            first=36,
            leading=18,
            after=8,
        ),
        P("COUNT TWO", align="center", font="serif-bold", after=4),
        P(
            "During the same period, the defendants knowingly used and carried firearms, including machineguns "
            "as defined in Title 26, United States Code, Section 5845(b), during and in relation to, and "
            "possessed them in furtherance of, the drug trafficking crime charged in Count One, and aided and "
            "abetted the same.",
            first=36,
            leading=18,
            after=4,
        ),
        P(
            f"(Possession of Machineguns, in violation of {cite_text(DC_GUN, 'usc_short', oxford=True)})",
            first=36,
            leading=18,
            after=8,
        ),
        P("FORFEITURE ALLEGATION", align="center", font="serif-bold", after=4),
        P(
            "Upon conviction of Count One, the defendants shall forfeit any property constituting or derived from "
            "proceeds of the offense and any property used to facilitate it, pursuant to 21 U.S.C. §§ 853 and "
            "970, including a money judgment of not less than $100,000,000.",
            first=36,
            leading=18,
            after=12,
        ),
        P("A TRUE BILL:", indent=250, after=10),
        P("FOREPERSON", indent=250, after=10),
        P("Attorney of the United States in\nand for the District of Columbia", leading=13, size=11, after=4),
        P(
            "ARTHUR V. KESSELMAN, Acting Chief\nNarcotic and Dangerous Drug Section, Criminal Division\n"
            "U.S. Department of Justice",
            leading=13,
            size=11,
        ),
    ]
    style = Style(
        left=72,
        right=72,
        top=60,
        bottom=56,
        chrome=combine(ecf_header("1:20-cr-00187-RDM", 18, "09/17/20"), footer("")),
    )
    truth = row(
        doc_type="superseding_indictment",
        court_id="dcd",
        court=COURTS["dcd"],
        case_number="1:20-cr-00187",
        defendants=[MENDIVIL.name, LEYVA.name],
        aliases=MENDIVIL.aliases + LEYVA.aliases,
        counts=[c.truth() for c in DC_COUNTS],
        statutes_cited=statutes([DC_INTL, DC_GUN]),
        drugs=[
            {"drug": "cocaine", "quantity": "five kilograms or more"},
            {"drug": "methamphetamine", "quantity": "500 grams or more"},
        ],
        plea="pretrial",
        date_filed="2020-09-17",
    )
    return Doc(
        "dcd_20cr187_superseding_indictment.scanned.pdf",
        "scan",
        truth,
        blocks,
        style,
        seed=seed,
        note="Scanned superseding indictment (image-only PDF): 959/960/963 and 924(c)(1)(B)(ii)",
    )


# --- E.D.N.Y. ---------------------------------------------------------------------------------------
ALCANTAR = Defendant("Heriberto Alcántar-Valdez", ["El Mayor", "Don Beto", "El Señor"], 1)
PALAFOX = Defendant("Sergio Daniel Palafox-Ríos", ["El Chef"], 2)
NY_CCE = Cite("21", ("848(a)", "848(b)", "848(c)"))
NY_MURDER = Cite("21", ("848(e)(1)(A)",))
NY_COKE = Cite("21", ("959(d)", "960(b)(1)(B)(ii)", "963"))
NY_GUN = Cite("18", ("924(c)(1)(A)(i)", "924(c)(1)(A)(ii)", "924(c)(1)(A)(iii)", "924(c)(1)(B)(ii)", "2"))
NY_ML = Cite("18", ("1956(h)",))
NY_COUNTS = [
    Count("1", [NY_CCE], "Continuing Criminal Enterprise"),
    Count("2", [NY_MURDER], "Murder Conspiracy in Furtherance of a Continuing Criminal Enterprise"),
    Count("3", [NY_COKE], "International Cocaine Distribution Conspiracy"),
    Count("4", [NY_GUN], "Use of Firearms in Furtherance of Drug Trafficking Crimes"),
    Count("5", [NY_ML], "Conspiracy to Launder Narcotics Proceeds"),
]


def _edny_caption(right: str) -> list:
    left = (
        "- - - - - - - - - - - - - - - - - - X\n\nUNITED STATES OF AMERICA\n\n     - against -\n\n"
        f"{ALCANTAR.upper}{alias_phrase(ALCANTAR, 'also known as', '“')},\n\nand\n\n"
        f"{PALAFOX.upper}{alias_phrase(PALAFOX, 'also known as', '“')},\n\n          Defendants.\n\n"
        "- - - - - - - - - - - - - - - - - - X"
    )
    return [Row([Cell(0, 220, left), Cell(245, 223, right)], size=11, leading=13, after=10)]


def nyed_superseding(seed: int) -> Doc:
    right = (
        "\n\nS U P E R S E D I N G\nI N D I C T M E N T\n\nCr. No. 17-352 (S-2) (KAM)\n"
        "(T. 21, U.S.C., §§ 848(a), 848(b), 848(c), 848(e)(1)(A), 853(a), 853(p), 959(d), 960(b)(1)(B)(ii), "
        "963 and 970; T. 18, U.S.C., §§ 924(c)(1)(A)(i), 924(c)(1)(A)(ii), 924(c)(1)(A)(iii), 924(c)(1)(B)(ii), "
        "924(d)(1), 1956(h), 2 and 3551 et seq.; T. 28, U.S.C., § 2461(c))"
    )
    blocks = [
        P("JMR:EAV", size=10, after=0),
        P("F. #2016R01188", size=10, after=8),
        P("UNITED STATES DISTRICT COURT\nEASTERN DISTRICT OF NEW YORK", size=11, leading=13, after=4),
        *_edny_caption(right),
        P("THE GRAND JURY CHARGES:", after=6),
        P("INTRODUCTION", align="center", font="serif-bold", after=4),
        P(
            "At all times relevant to this Superseding Indictment, unless otherwise indicated, the Cártel de los "
            "Altos was a Mexican drug trafficking organization that bought cocaine in Colombia and Ecuador, moved "
            "it by aircraft and submarine into Mexico, and smuggled it across the border for sale in New York, "
            "Chicago and elsewhere. The defendant HERIBERTO ALCÁNTAR-VALDEZ was one of its principal leaders.",
            first=36,
            leading=20,
            after=4,
        ),
        P(
            "The cartel kept armed crews of sicarios, or hitmen, who carried out [[v:murder|murders]], "
            "[[v:kidnapping|kidnappings]], [[v:torture|torture]] and other acts of [[v:other_violence|violence]] "
            "against rival traffickers, suspected informants and law enforcement officers, in order to protect "
            "the cartel's routes and to enforce discipline.",
            first=36,
            leading=20,
            after=8,
        ),
        P("COUNT ONE\n(Continuing Criminal Enterprise)", align="center", font="serif-bold", leading=14, after=4),
        P(
            "In or about and between January 2005 and February 2017, both dates being approximate and inclusive, "
            "within the Eastern District of New York and elsewhere, the defendant HERIBERTO ALCÁNTAR-VALDEZ, "
            "together with others, did knowingly and intentionally engage in a continuing criminal enterprise, "
            "in that he committed a continuing series of violations of Title 21, United States Code, undertaken "
            "in concert with five or more other persons, with respect to whom he occupied a position of "
            "organizer, supervisor and manager, from which he obtained substantial income and resources, and "
            "he was one of several principal administrators, organizers and leaders of the enterprise, which "
            "received $10 million or more in gross receipts in a twelve-month period from the manufacture, "
            "importation and distribution of cocaine. (Title 21, United States Code, Sections 848(a), 848(b) "
            "and 848(c); Title 18, United States Code, Sections 3551 et seq.)",
            first=36,
            leading=20,
            after=8,
        ),
        P(
            "COUNT TWO\n([[v:murder|Murder]] Conspiracy in Furtherance of a Continuing Criminal Enterprise)",
            align="center",
            font="serif-bold",
            leading=14,
            after=4,
        ),
        P(
            "In or about and between January 2008 and December 2016, within the Eastern District of New York "
            "and elsewhere, the defendant HERIBERTO ALCÁNTAR-VALDEZ, while engaged in the continuing criminal "
            "enterprise charged in Count One, did knowingly and intentionally conspire to [[v:murder|kill]] and "
            "to counsel, command, induce, procure and cause the intentional [[v:murder|killing]] of one or more "
            "persons, and such [[v:murder|killings]] resulted, namely members of rival drug trafficking "
            "organizations and "
            "persons believed to be cooperating with law enforcement. (Title 21, United States Code, Section "
            "848(e)(1)(A); Title 18, United States Code, Sections 3551 et seq.)",
            first=36,
            leading=20,
            after=8,
        ),
        P(
            "COUNT THREE\n(International Cocaine Distribution Conspiracy)",
            align="center",
            font="serif-bold",
            leading=14,
            after=4,
        ),
        P(
            "In or about and between January 2005 and February 2017, the defendants HERIBERTO ALCÁNTAR-VALDEZ and "
            "SERGIO DANIEL PALAFOX-RÍOS, together with others, did knowingly and intentionally conspire to "
            "distribute a controlled substance, intending and knowing that it would be unlawfully imported into "
            "the United States, which offense involved five kilograms or more of a substance containing cocaine. "
            f"({cite_text(NY_COKE, 'title')}; Title 18, United States Code, Sections 3551 et seq.)",
            first=36,
            leading=20,
            after=8,
        ),
        P(
            "COUNT FOUR\n(Use of Firearms in Furtherance of Drug Trafficking Crimes)",
            align="center",
            font="serif-bold",
            leading=14,
            after=4,
        ),
        P(
            "In or about and between January 2005 and February 2017, the defendant HERIBERTO ALCÁNTAR-VALDEZ, "
            "together with others, did knowingly and intentionally use and carry one or more firearms during and "
            "in relation to one or more drug trafficking crimes, namely the crimes charged in Counts One and "
            "Three, and did possess such firearms in furtherance of those crimes, one or more of which was "
            "brandished and discharged and was a machinegun. (Title 18, United States Code, Sections "
            "924(c)(1)(A)(i), 924(c)(1)(A)(ii), 924(c)(1)(A)(iii), 924(c)(1)(B)(ii), 2 and 3551 et seq.)",
            first=36,
            leading=20,
            after=8,
        ),
        P(
            "COUNT FIVE\n(Conspiracy to Launder Narcotics Proceeds)",
            align="center",
            font="serif-bold",
            leading=14,
            after=4,
        ),
        P(
            "In or about and between January 2005 and February 2017, the defendants HERIBERTO ALCÁNTAR-VALDEZ and "
            "SERGIO DANIEL PALAFOX-RÍOS, together with others, did knowingly and intentionally conspire to "
            "transport, transmit and transfer monetary instruments and funds from the United States to Mexico "
            "with the intent to promote the carrying on of narcotics trafficking. (Title 18, United States Code, "
            "Sections 1956(h) and 3551 et seq.)",
            first=36,
            leading=20,
            after=8,
        ),
        P("CRIMINAL FORFEITURE ALLEGATION AS TO COUNTS ONE AND THREE", align="center", font="serif-bold", after=4),
        P(
            "The United States hereby gives notice to the defendants that, upon conviction of either offense, "
            "the government will seek forfeiture in accordance with Title 21, United States Code, Sections 853(a) "
            "and 970, of any property constituting or derived from proceeds obtained as a result of such "
            "offenses. (Title 21, United States Code, Sections 853(a), 853(p) and 970)",
            first=36,
            leading=20,
            after=12,
        ),
        P("A TRUE BILL", indent=260, after=12),
        P("FOREPERSON", indent=260, after=12),
        P("BRIDGET A. NORDQUIST\nUNITED STATES ATTORNEY\nEASTERN DISTRICT OF NEW YORK", leading=14),
    ]
    style = Style(
        left=72,
        right=72,
        top=60,
        bottom=60,
        chrome=combine(ecf_header("1:17-cr-00352-KAM", 57, "05/03/18"), footer("")),
    )
    truth = row(
        doc_type="superseding_indictment",
        court_id="nyed",
        court=COURTS["nyed"],
        case_number="1:17-cr-00352",
        defendants=[ALCANTAR.name, PALAFOX.name],
        aliases=ALCANTAR.aliases + PALAFOX.aliases,
        counts=[c.truth() for c in NY_COUNTS],
        statutes_cited=statutes([c.cites[0] for c in NY_COUNTS]),
        drugs=[{"drug": "cocaine", "quantity": "five kilograms or more"}],
        plea="pretrial",
        date_filed="2018-05-03",
        organizations=["Cártel de los Altos"],
    )
    return Doc(
        "nyed_17cr352_superseding_indictment_s2.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="E.D.N.Y. (S-2) caption, 'T. 21, U.S.C., §§' list, CCE 848(a)-(c), 848(e)(1)(A), 924(c), 1956(h)",
    )


def nyed_memo_mixed(seed: int) -> Doc:
    ph = Phrases(f"{seed}:nyed-memo")
    extradited = ph("custody_extradited", date="May 19, 2018")
    blocks = [
        P("U.S. Department of Justice", font="serif-italic", size=16, after=0),
        P("United States Attorney\nEastern District of New York", font="serif-italic", size=11, leading=13, after=4),
        Rule(after=4),
        Row(
            [
                Cell(0, 200, "JMR:EAV\nF. #2016R01188"),
                Cell(260, 208, "300 Fulton Plaza\nBrooklyn, New York 11201\n\nNovember 2, 2020"),
            ],
            size=10,
            leading=12,
            after=10,
        ),
        P("By ECF", font="serif-bold", size=11, after=6),
        P(
            "The Honorable Karen A. Malloy\nUnited States District Judge\nEastern District of New York\n"
            "410 Fulton Plaza\nBrooklyn, New York 11201",
            size=11,
            leading=13,
            after=8,
        ),
        P(
            f"Re: United States v. {ALCANTAR.name}\n      Criminal Docket No. 17-352 (S-2) (KAM)",
            font="serif-bold",
            size=11,
            leading=13,
            indent=60,
            after=8,
        ),
        P("Dear Judge Malloy:", after=6),
        P(
            "The government respectfully submits this letter in advance of the sentencing of defendant "
            f'{ALCANTAR.name}, also known as "El Mayor," scheduled for November 16, 2020. On March 12, 2020, '
            "after an eight-week jury trial, the defendant was convicted of all five counts of the Second "
            "Superseding Indictment: engaging in a continuing criminal enterprise (Count One, 21 U.S.C. § 848(a) "
            "and (b)); [[v:murder|murder]] conspiracy in furtherance of that enterprise (Count Two, 21 U.S.C. "
            "§ 848(e)(1)(A)); international cocaine distribution conspiracy (Count Three, 21 U.S.C. §§ 959(d), "
            "960 and 963); use of firearms (Count Four, 18 U.S.C. § 924(c)); and money laundering conspiracy "
            "(Count Five, 18 U.S.C. § 1956(h)). For the reasons below, the government asks the Court to impose "
            "a sentence of life imprisonment, which is the sentence the advisory Guidelines recommend.",
            first=36,
            leading=15,
            after=6,
        ),
        P("I. Background", font="serif-bold", after=4),
        P(
            f"The defendant {extradited}, after Mexican authorities arrested him in Guadalajara in 2017 on a "
            "provisional arrest warrant. For more than a decade he led the Cártel de los Altos, which shipped at "
            "least 60 tons of cocaine toward the United States.",
            first=36,
            leading=15,
            after=6,
        ),
        P(
            "The trial evidence showed that the defendant ordered his sicarios to [[v:kidnapping|kidnap]] and "
            "[[v:murder|kill]] those he saw as a danger. Witnesses described how [[x:pseudonymous_victim|John "
            "Doe #1]], a courier accused of losing a load in Sonora, was [[v:torture|tortured]] for two days in a "
            "safe house before he was [[v:murder|shot]]; how [[x:law_enforcement|a commander of the Mexican "
            "federal police]] who refused a bribe was [[v:murder|murdered]] outside his home in 2011; and how "
            "[[x:named_person|Ernesto Baeza Quiroga]], a rancher who would not let the cartel use his airstrip, "
            "[[v:disappearance|disappeared]] in 2013 and has never been found.",
            first=36,
            leading=15,
            after=6,
        ),
        P("II. The Guidelines Calculation", font="serif-bold", after=4),
        P(
            "The Probation Department calculates a total offense level of 43 and a Criminal History Category of "
            "I, yielding an advisory Guidelines range of life imprisonment. The base offense level of 38 under "
            "U.S.S.G. § 2D1.1(c)(1) is increased because a dangerous weapon was possessed (§ 2D1.1(b)(1)), "
            "because the defendant used [[v:other_violence|violence]] and made credible [[v:threats|threats]] "
            "to use it (§ 2D1.1(b)(2)), because he bribed law enforcement officials (§ 2D1.1(b)(11)), and "
            "because of his aggravating role (§ 3B1.1(a)). Under § 2D1.1(d)(1), the cross-reference to "
            "first-degree [[v:murder|murder]] in § 2A1.1 independently sets the offense level at 43. The "
            "defendant receives no reduction for acceptance of responsibility, as he put the government to its "
            "proof at trial.",
            first=36,
            leading=15,
            after=6,
        ),
        P("III. A Sentence of Life Imprisonment Is Warranted", font="serif-bold", after=4),
        P(
            "Each of the factors in 18 U.S.C. § 3553(a) points to the same result. The nature of the offense is "
            "as serious as any this Court sees: the defendant flooded American cities with cocaine while his "
            "organization left a trail of bodies on both sides of the border. The counts of conviction also "
            "carry mandatory penalties: Count One requires a sentence of at least 20 years, Count Two at least "
            "20 years, and Count Four a consecutive term of at least 30 years because the firearms included "
            "machineguns.",
            first=36,
            leading=15,
            after=6,
        ),
        P(
            "The government therefore asks the Court to sentence the defendant to life imprisonment on Count "
            "One, to be followed by a mandatory consecutive term of 360 months on Count Four, and to order "
            "forfeiture of $12,666,191,704, as set out in the proposed order of forfeiture.",
            first=36,
            leading=15,
            after=6,
        ),
        P("IV. Victims", font="serif-bold", after=4),
        P(
            "The government has notified the families of the victims identified at trial under the Crime "
            "Victims' Rights Act, 18 U.S.C. § 3771. The sister of Ernesto Baeza Quiroga has "
            "asked to address the Court at sentencing, and the government will provide her written statement "
            "to the Court and to defense counsel under seal.",
            first=36,
            leading=15,
            after=6,
        ),
        P("V. Conclusion", font="serif-bold", after=4),
        P(
            "For these reasons, the government respectfully requests that the Court impose a sentence of life "
            "imprisonment plus a consecutive 30 years.",
            first=36,
            leading=15,
            after=4,
        ),
        *signature(
            [
                "Elena A. Varga",
                "BRIDGET A. NORDQUIST",
                "United States Attorney",
                "By: Elena A. Varga",
                "Assistant U.S. Attorney",
                "(718) 254-6011",
            ],
            size=11,
        ),
        Space(8),
        P("cc: Clerk of the Court (KAM) (by ECF)\n     Defense counsel (by ECF and email)", size=10, leading=12),
    ]
    style = Style(
        left=72,
        right=72,
        top=56,
        bottom=56,
        chrome=combine(ecf_header("1:17-cr-00352-KAM", 214, "11/02/20"), footer("")),
    )
    memo_counts = [
        Count("1", [Cite("21", ("848(a)", "848(b)"))], "Continuing Criminal Enterprise"),
        Count("2", [NY_MURDER], "Murder Conspiracy in Furtherance of a Continuing Criminal Enterprise"),
        Count("3", [Cite("21", ("959(d)", "960", "963"))], "International Cocaine Distribution Conspiracy"),
        Count("4", [Cite("18", ("924(c)",))], "Use of Firearms"),
        Count("5", [NY_ML], "Money Laundering Conspiracy"),
    ]
    truth = row(
        doc_type="sentencing_memo",
        court_id="nyed",
        court=COURTS["nyed"],
        case_number="1:17-cr-00352",
        defendants=[ALCANTAR.name],
        aliases=["El Mayor"],
        counts=[c.truth() for c in memo_counts],
        statutes_cited=statutes([c.cites[0] for c in memo_counts]),
        drugs=[{"drug": "cocaine", "quantity": "at least 60 tons"}],
        custody="extradited",
        plea="trial",
        date_filed="2020-11-02",
        date_extradited="2018-05-19",
        organizations=["Cártel de los Altos"],
    )
    return Doc(
        "nyed_17cr352_government_sentencing_memo.pdf",
        "mixed",
        truth,
        blocks,
        style,
        scanned_pages={2},
        seed=seed,
        note="Letter-form sentencing memorandum; page 2 is a scanned image (mixed PDF); life requested",
    )


# --- N.D. Ill. --------------------------------------------------------------------------------------
OCHOA = Defendant("Julián Ochoa-Berumen", ["Chuy"], 1)
IL_DIST = Cite("21", ("846",))
IL_ML = Cite("18", ("1956(a)(2)(B)(i)",))
IL_COUNTS = [
    Count("1", [IL_DIST], "Conspiracy to Distribute Heroin and Fentanyl"),
    Count("2", [IL_ML], "Laundering of Monetary Instruments (International Transportation)"),
]


def _ilnd_style(doc_no: int, filed: str, pageid: int) -> Style:
    return Style(
        left=72,
        right=72,
        top=60,
        bottom=60,
        chrome=combine(ecf_header("1:21-cr-00455", doc_no, filed, pageid=pageid), footer("")),
    )


def ilnd_information(seed: int) -> Doc:
    ph = Phrases(f"{seed}:ilnd-info")
    heroin = ph("mixture", drug="heroin", schedule="I")
    fent = ph("mixture", drug="fentanyl", schedule="II")
    blocks = [
        P(
            "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS\nEASTERN DIVISION",
            align="center",
            font="serif-bold",
            leading=14,
            after=10,
        ),
        Row(
            [
                Cell(0, 220, f'UNITED STATES OF AMERICA\n\n          v.\n\n{OCHOA.upper}, also known as "Chuy"'),
                Cell(
                    250,
                    218,
                    "No. 21 CR 455\n\nViolations: Title 21, United States Code, Section 846; Title 18, "
                    "United States Code, Section 1956(a)(2)(B)(i)\n\nJudge Sara L. Whitfield",
                ),
            ],
            size=12,
            leading=14,
            sep_x=232,
            sep_lines=8,
            after=12,
        ),
        P("COUNT ONE", align="center", font="serif-bold", after=4),
        P("The UNITED STATES ATTORNEY charges:", first=36, leading=24, after=0),
        P(
            "Beginning no later than in or about January 2017, and continuing until in or about March 2020, at "
            f"Chicago, in the Northern District of Illinois, Eastern Division, and elsewhere, {OCHOA.upper}, "
            "defendant herein, did conspire with others known and unknown to knowingly and intentionally possess "
            f"with intent to distribute and distribute a controlled substance, namely, 1 kilogram or more of "
            f"{heroin}, and 400 grams or more of {fent}, in violation of Title 21, United States Code, Section "
            "841(a)(1);",
            first=36,
            leading=24,
            after=0,
        ),
        P("In violation of Title 21, United States Code, Section 846.", first=36, leading=24, after=8),
        P("COUNT TWO", align="center", font="serif-bold", after=4),
        P("The UNITED STATES ATTORNEY further charges:", first=36, leading=24, after=0),
        P(
            f"On or about November 14, 2019, at Chicago, in the Northern District of Illinois, Eastern Division, "
            f"{OCHOA.upper}, defendant herein, did knowingly transport and transfer, and attempt to transport and "
            "transfer, approximately $1,180,000 in United States currency from a place in the United States to "
            "a place outside the United States, namely Mexico, with the intent to promote the carrying on of "
            "specified unlawful activity, namely, the felonious distribution of controlled substances;",
            first=36,
            leading=24,
            after=0,
        ),
        P("In violation of Title 18, United States Code, Section 1956(a)(2)(B)(i).", first=36, leading=24, after=8),
        P("FORFEITURE ALLEGATION", align="center", font="serif-bold", after=4),
        P(
            "The UNITED STATES ATTORNEY further alleges: Upon conviction of an offense in violation of Title 21, "
            "United States Code, Section 846, as set forth in this Information, defendant shall forfeit to the "
            "United States of America any property which constitutes and is derived from proceeds obtained, "
            "directly and indirectly, as a result of the offense, as provided in Title 21, United States Code, "
            "Section 853(a)(1).",
            first=36,
            leading=24,
            after=14,
        ),
        P("Signed by Cornelius J. Abernathy on behalf of the\nUNITED STATES ATTORNEY", leading=14),
    ]
    truth = row(
        doc_type="information",
        court_id="ilnd",
        court=COURTS["ilnd"],
        case_number="1:21-cr-00455",
        defendants=[OCHOA.name],
        aliases=OCHOA.aliases,
        counts=[c.truth() for c in IL_COUNTS],
        statutes_cited=statutes([IL_DIST, IL_ML]),
        drugs=[
            {"drug": "heroin", "quantity": "1 kilogram or more"},
            {"drug": "fentanyl", "quantity": "400 grams or more"},
        ],
        plea="pretrial",
        date_filed="2021-06-01",
    )
    return Doc(
        "ilnd_21cr455_information_ochoa.pdf",
        "pdf",
        truth,
        blocks,
        _ilnd_style(18, "06/01/21", 41),
        seed=seed,
        note="Information ('The UNITED STATES ATTORNEY charges'), N.D. Ill. ECF header with PageID",
    )


def ilnd_plea(seed: int) -> Doc:
    ph = Phrases(f"{seed}:ilnd-plea")
    n = iter(range(1, 40))
    para = []

    def num(text: str, heading: str | None = None):
        if heading:
            para.append(P(heading, font="serif-bold", align="center", after=4, leading=16))
        para.append(P(f"{next(n)}.  {text}", first=36, leading=22, after=2))

    num(
        "This Plea Agreement between the United States Attorney for the Northern District of Illinois, "
        "CORNELIUS J. ABERNATHY, and defendant JULIÁN OCHOA-BERUMEN, and his attorney, WINIFRED S. OKAFOR, is "
        "made pursuant to Rule 11 of the Federal Rules of Criminal Procedure and is governed in part by Rule "
        "11(c)(1)(C), as more fully set forth below."
    )
    num(
        "The information in this case charges defendant with conspiracy to possess with intent to distribute and "
        "to distribute controlled substances, in violation of Title 21, United States Code, Section 846 (Count "
        "One), and international transportation of monetary instruments to promote unlawful activity, in "
        "violation of Title 18, United States Code, Section 1956(a)(2)(B)(i) (Count Two).",
        "Charges in This Case",
    )
    num(
        "Defendant has read the charges against him contained in the information, and those charges have been "
        "fully explained to him by his attorney. Defendant fully understands the nature and elements of the "
        "crimes with which he has been charged."
    )
    num(
        "By this Plea Agreement, defendant agrees to enter a voluntary plea of guilty to Count One of the "
        "information, which charges defendant with conspiracy to knowingly and intentionally possess with intent "
        "to distribute and distribute 1 kilogram or more of heroin and 400 grams or more of fentanyl, in "
        "violation of Title 21, United States Code, Section 846. " + ph("dismiss", charging="information"),
        "Charge to Which Defendant Is Pleading Guilty",
    )
    num(
        "Defendant will plead guilty because he is in fact guilty of the charge contained in Count One. From "
        "about January 2017 until March 2020, defendant coordinated the delivery of heroin and fentanyl from "
        "suppliers in Mexico to distributors in Chicago, arranged stash locations on the city's southwest side, "
        "and collected drug proceeds that were driven back to Mexico in hidden compartments. In total, "
        "defendant's conduct involved approximately 38 kilograms of heroin and 9 kilograms of fentanyl. "
        f"Defendant {ph('custody_detained_abroad', city='Guadalajara, Jalisco', date='April 8, 2020')}.",
        "Factual Basis",
    )
    num(
        "Defendant understands that the charge to which he is pleading guilty carries a maximum sentence of life "
        "imprisonment and a statutory mandatory minimum sentence of 10 years. " + ph("disclaim_probation"),
        "Maximum Statutory Penalties",
    )
    num(
        "For purposes of calculating the Sentencing Guidelines, the parties agree that the base offense level is "
        "36, pursuant to Guideline § 2D1.1(a)(5) and (c)(2), and that the offense level is increased by 3 "
        "levels under Guideline § 3B1.1(b) because defendant was a manager or supervisor. " + ph("acceptance"),
        "Sentencing Guidelines Calculations",
    )
    num(
        "Defendant agrees he will fully and truthfully cooperate in any matter in which he is called upon to "
        "cooperate by a representative of the United States Attorney's Office for the Northern District of "
        "Illinois, including by testifying truthfully before any federal grand jury and at any trial.",
        "Cooperation",
    )
    num(ph("substantial_assistance"), "Agreements Relating to Sentencing")
    num(
        ph("agreed_sentence", months="96")
        + " The parties further agree that if the government does not move for a departure, the sentence shall "
        "be 135 months' imprisonment."
    )
    num(
        "Defendant understands that the sentence to be imposed is not determined until the Court accepts this "
        "agreement, and that if the Court rejects it, either party may withdraw."
    )
    blocks = [
        P(
            "UNITED STATES DISTRICT COURT\nNORTHERN DISTRICT OF ILLINOIS\nEASTERN DIVISION",
            align="center",
            font="serif-bold",
            leading=14,
            after=10,
        ),
        Row(
            [
                Cell(0, 220, f"UNITED STATES OF AMERICA\n\n          v.\n\n{OCHOA.upper}"),
                Cell(250, 218, "No. 21 CR 455\n\nJudge Sara L. Whitfield"),
            ],
            size=12,
            leading=14,
            sep_x=232,
            sep_lines=6,
            after=12,
        ),
        P("PLEA AGREEMENT", align="center", font="serif-bold", after=8),
        *para,
        Space(10),
        P("AGREED THIS DATE: August 30, 2021", after=14),
        Row(
            [
                Cell(
                    0,
                    220,
                    "CORNELIUS J. ABERNATHY\nUnited States Attorney\n\nMATTHEW R. DELACROIX\nAssistant U.S. Attorney",
                ),
                Cell(250, 218, "JULIÁN OCHOA-BERUMEN\nDefendant\n\nWINIFRED S. OKAFOR\nAttorney for Defendant"),
            ],
            size=11,
            leading=13,
        ),
    ]
    truth = row(
        doc_type="plea_agreement",
        court_id="ilnd",
        court=COURTS["ilnd"],
        case_number="1:21-cr-00455",
        defendants=[OCHOA.name],
        counts=[IL_COUNTS[0].truth()],
        statutes_cited=statutes([IL_DIST]),
        drugs=[
            {"drug": "heroin", "quantity": "1 kilogram or more"},
            {"drug": "fentanyl", "quantity": "400 grams or more"},
        ],
        benefits=[
            "dismiss_counts",
            "acceptance_of_responsibility",
            "substantial_assistance_5k1",
            "rule_11c1c_agreed_sentence",
        ],
        custody="detained_abroad",
        plea="plea",
        date_filed="2021-08-31",
        date_arrested="2020-04-08",
        date_plea="2021-08-30",
    )
    return Doc(
        "ilnd_21cr455_plea_agreement_ochoa.pdf",
        "pdf",
        truth,
        blocks,
        _ilnd_style(37, "08/31/21", 96),
        seed=seed,
        note="Numbered-paragraph plea agreement: cooperation, 5K1.1/3553(e), 11(c)(1)(C); "
        "arrested in Mexico and expelled",
    )


# --- S.D.N.Y. ---------------------------------------------------------------------------------------
BARRAZA = Defendant("Eduardo Barraza-Solís", ["Lalo"], 1)
QUIRARTE = Defendant("Abel Quirarte-Nieves", ["El Vaquero"], 2)
SD_NARCOTERROR = Cite("21", ("960a",))
SD_IMPORT = Cite("21", ("963",))
SD_MACHINEGUN = Cite("18", ("924(c)(1)(A)", "924(c)(1)(B)(ii)", "2"))
SD_GUNCONSP = Cite("18", ("924(o)",))
SD_COUNTS = [
    Count("1", [SD_NARCOTERROR], "Narco-Terrorism Conspiracy"),
    Count("2", [SD_IMPORT], "Cocaine Importation Conspiracy"),
    Count("3", [SD_MACHINEGUN], "Machinegun Possession"),
    Count("4", [SD_GUNCONSP], "Conspiracy to Possess Machineguns"),
]


def nysd_sealed(seed: int) -> Doc:
    conn = "a/k/a"
    left = (
        "- - - - - - - - - - - - - - - - - - - x\n\nUNITED STATES OF AMERICA\n\n          - v. -\n\n"
        f"{BARRAZA.upper}{alias_phrase(BARRAZA, conn, '“')}, and\n{QUIRARTE.upper}{alias_phrase(QUIRARTE, conn, '“')},"
        "\n\n          Defendants.\n\n- - - - - - - - - - - - - - - - - - - x"
    )
    right = "\n\n\n:\n:  SEALED SUPERSEDING\n:  INDICTMENT\n:\n:  S1 20 Cr. 311 (VEC)\n:\n:"
    blocks = [
        P("ORIGINAL", align="right", font="sans-bold", size=14, after=6),
        P("UNITED STATES DISTRICT COURT\nSOUTHERN DISTRICT OF NEW YORK", size=12, leading=14, after=4),
        Row([Cell(0, 240, left), Cell(250, 218, right)], size=12, leading=14, after=12),
        P("COUNT ONE\n(Narco-Terrorism Conspiracy)", align="center", font="serif-bold", leading=14, after=4),
        P("The Grand Jury charges:", first=36, leading=24, after=0),
        P(
            "1.  From at least in or about 2016, up to and including in or about 2020, in Mexico and elsewhere, "
            f"and in an offense begun and committed out of the jurisdiction of any particular State or district "
            f'of the United States, {BARRAZA.upper}, a/k/a "Lalo," and {QUIRARTE.upper}, a/k/a "El Vaquero," '
            "the defendants, at least one of whom will be first brought to and arrested in the Southern District "
            "of New York, knowingly and intentionally conspired to engage in conduct that would be punishable "
            "under Title 21, United States Code, Section 841(a), if committed within the jurisdiction of the "
            "United States, knowing and intending to provide, directly and indirectly, anything of pecuniary "
            "value to a person and organization that has engaged and engages in terrorist activity, namely the "
            "Frente Armado del Noroeste, a group that has carried out [[v:kidnapping|kidnappings]] for ransom and "
            "bombings of public buildings in Mexico.",
            first=36,
            leading=24,
            after=0,
        ),
        P(
            "(Title 21, United States Code, Section 960a; Title 18, United States Code, Section 3238.)",
            first=36,
            leading=24,
            after=8,
        ),
        P("COUNT TWO\n(Cocaine Importation Conspiracy)", align="center", font="serif-bold", leading=14, after=4),
        P(
            "2.  From at least in or about 2016, up to and including in or about 2020, the defendants conspired "
            "to import into the United States, and to manufacture and distribute knowing and intending that it "
            "would be imported, five kilograms and more of mixtures and substances containing a detectable amount "
            "of cocaine, in violation of Title 21, United States Code, Sections 952(a), 959(a), 960(a)(1), "
            "960(a)(3) and 960(b)(1)(B).",
            first=36,
            leading=24,
            after=0,
        ),
        P(
            "(Title 21, United States Code, Section 963; Title 18, United States Code, Section 3238.)",
            first=36,
            leading=24,
            after=8,
        ),
        P("COUNT THREE\n(Machinegun Possession)", align="center", font="serif-bold", leading=14, after=4),
        P(
            "3.  From at least in or about 2016, up to and including in or about 2020, the defendants, during and "
            "in relation to the drug trafficking crimes charged in Counts One and Two, knowingly used and carried "
            "machineguns, and in furtherance of those crimes possessed machineguns, and aided and abetted the same.",
            first=36,
            leading=24,
            after=0,
        ),
        P(
            "(Title 18, United States Code, Sections 924(c)(1)(A), 924(c)(1)(B)(ii), 3238 and 2.)",
            first=36,
            leading=24,
            after=8,
        ),
        P("COUNT FOUR\n(Conspiracy to Possess Machineguns)", align="center", font="serif-bold", leading=14, after=4),
        P(
            "4.  During the same period, the defendants conspired to use and carry machineguns during and in "
            "relation to, and to possess machineguns in furtherance of, the drug trafficking crimes charged in "
            "Counts One and Two.",
            first=36,
            leading=24,
            after=0,
        ),
        P("(Title 18, United States Code, Sections 924(o) and 3238.)", first=36, leading=24, after=8),
        P("FORFEITURE ALLEGATIONS", align="center", font="serif-bold", after=4),
        P(
            "5.  As a result of committing the offenses alleged in Counts One and Two, the defendants shall "
            "forfeit to the United States, pursuant to Title 21, United States Code, Sections 853 and 970, any "
            "and all property constituting proceeds of those offenses.",
            first=36,
            leading=24,
            after=12,
        ),
        Row(
            [
                Cell(0, 200, "____________________\nFOREPERSON"),
                Cell(250, 218, "____________________\nLUCIANA M. FERRANTE\nUnited States Attorney"),
            ],
            leading=14,
        ),
    ]
    style = Style(left=90, right=60, top=60, bottom=60, chrome=footer(""))
    truth = row(
        doc_type="superseding_indictment",
        court_id="nysd",
        court=COURTS["nysd"],
        case_number="20-cr-00311",
        defendants=[BARRAZA.name, QUIRARTE.name],
        aliases=BARRAZA.aliases + QUIRARTE.aliases,
        counts=[Count("1", [SD_NARCOTERROR], SD_COUNTS[0].description).truth(), *[c.truth() for c in SD_COUNTS[1:]]],
        statutes_cited=statutes([c.cites[0] for c in SD_COUNTS]),
        drugs=[{"drug": "cocaine", "quantity": "five kilograms and more"}],
        plea="sealed",
    )
    return Doc(
        "nysd_20cr311_sealed_superseding_indictment_s1.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="Sealed superseding indictment S1, citations in parentheses after each count; 960a, 924(o)",
    )


def nysd_letter_plea(seed: int) -> Doc:
    ph = Phrases(f"{seed}:nysd-plea")
    conduct = (
        "his participation, from in or about 2016 through in or about 2020, in a conspiracy to import "
        "cocaine into the United States, as charged in Count Two of the Indictment"
    )
    body = [
        f"On the understandings specified below, the Office of the United States Attorney for the Southern District "
        f'of New York ("this Office") will accept a guilty plea from {BARRAZA.name} ("the defendant") to Count '
        "Two of the above-referenced Indictment. Count Two charges the defendant with conspiring to import into "
        "the United States five kilograms and more of mixtures and substances containing a detectable amount of "
        "cocaine, in violation of Title 21, United States Code, Section 963, and carries a maximum term of "
        "imprisonment of life, a mandatory minimum term of imprisonment of ten years, a maximum term of "
        "supervised release of life, a mandatory minimum term of supervised release of five years, a maximum "
        "fine of $10,000,000, and a $100 mandatory special assessment.",
        "In consideration of the defendant's plea to the above offense, "
        + ph("no_further_charges", conduct=conduct)
        + " In addition, at the time of sentencing, the Government will move to dismiss any open Counts against "
        "the defendant. The defendant agrees that with respect to any and all dismissed charges he is not a "
        '"prevailing party" within the meaning of the "Hyde Amendment."',
        "The defendant hereby admits the forfeiture allegation with respect to Count Two of the Indictment and "
        "agrees to forfeit to the United States a sum of money equal to $3,500,000 in United States currency.",
        "In accordance with U.S.S.G. § 6B1.4, the parties hereby stipulate to the following: The Guidelines "
        "Manual in effect as of the date of this Agreement applies. The base offense level is 38 under U.S.S.G. "
        "§ 2D1.1(c)(1), because the offense involved more than 450 kilograms of cocaine. Two levels are added "
        "under § 2D1.1(b)(1) because a firearm was possessed. "
        + ph("acceptance")
        + " In accordance with the foregoing, the applicable offense level is 37.",
        "Based on the foregoing, the defendant's stipulated Guidelines range is 210 to 262 months' imprisonment "
        '(the "Stipulated Guidelines Range"). ' + ph("disclaim_5k"),
        "The parties agree that neither a downward nor an upward departure from the Stipulated Guidelines Range "
        "is warranted. Either party may seek a sentence outside that range based on the factors in 18 U.S.C. "
        "§ 3553(a).",
        "It is agreed that the defendant will not file a direct appeal, nor bring a collateral challenge, of any "
        "sentence within or below the Stipulated Guidelines Range of 210 to 262 months' imprisonment.",
        "The defendant recognizes that, because he is not a citizen of the United States, his guilty plea and "
        "conviction make it very likely that his removal from the United States is presumptively mandatory.",
        "Apart from any written proffer agreements, this Agreement supersedes any prior understandings, promises, "
        "or conditions between this Office and the defendant. No additional understandings, promises, or "
        "conditions have been entered into other than those set forth in this Agreement.",
    ]
    blocks = [
        P("U.S. Department of Justice", font="serif-italic", size=17, indent=210, after=0),
        Rule(x1=210, after=2),
        P(
            "United States Attorney\nSouthern District of New York",
            font="serif-italic",
            size=11,
            indent=210,
            leading=13,
            after=6,
        ),
        P("The Harbor Annex\n14 Worth Street Plaza\nNew York, New York 10013", size=9, indent=210, leading=11, after=2),
        P("June 14, 2022", indent=300, size=11, after=8),
        P(
            "BY EMAIL\n\nOrlando F. Rincón-Haas, Esq.\nRincón-Haas & Weil LLP\n40 Wall Street, 28th Floor\n"
            "New York, New York 10005",
            size=11,
            leading=13,
            after=8,
        ),
        P(
            f"Re:   United States v. {BARRAZA.name},\n        S1 20 Cr. 311 (VEC)",
            size=11,
            leading=13,
            indent=36,
            font="serif-bold",
            after=8,
        ),
        P("Dear Mr. Rincón-Haas:", after=6),
        *[P(t, first=36, leading=15, after=6, align="justify") for t in body],
        P("Very truly yours,", indent=260, after=2),
        P("LUCIANA M. FERRANTE\nUnited States Attorney", indent=260, leading=13, after=10),
        P(
            "By: ______________________\n      Gideon P. Marchetti\n      Assistant United States Attorney",
            indent=260,
            leading=13,
            after=8,
        ),
        P(
            "AGREED AND CONSENTED TO:\n\n______________________        ____________\n"
            f"{BARRAZA.name}                  DATE",
            leading=13,
        ),
    ]
    style = Style(
        left=72,
        right=72,
        top=54,
        bottom=60,
        chrome=combine(ecf_header("1:20-cr-00311-VEC", 74, "09/22/22"), footer("")),
    )
    truth = row(
        doc_type="plea_agreement",
        court_id="nysd",
        court=COURTS["nysd"],
        case_number="1:20-cr-00311",
        defendants=[BARRAZA.name],
        counts=[SD_COUNTS[1].truth()],
        statutes_cited=statutes([SD_IMPORT]),
        drugs=[{"drug": "cocaine", "quantity": "five kilograms and more"}],
        benefits=["no_further_charges", "dismiss_counts", "acceptance_of_responsibility"],
        plea="plea",
        date_filed="2022-09-22",
    )
    return Doc(
        "nysd_20cr311_plea_agreement_letter_barraza.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="Letter plea agreement on USAO letterhead; stipulated Guidelines range; disclaims 5K1.1",
    )


def build(seed: int) -> list[Doc]:
    return [
        dcd_scanned(seed),
        nyed_superseding(seed),
        nyed_memo_mixed(seed),
        ilnd_information(seed),
        ilnd_plea(seed),
        nysd_sealed(seed),
        nysd_letter_plea(seed),
    ]
