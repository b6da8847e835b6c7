"""The whole extraction pipeline over short passages phrased the way filings in US prosecutions of
Mexican drug traffickers are written: multi-defendant captions with aliases, CCE and international
conspiracy counts, drug quantities, extradition and port-of-entry arrests, plea-agreement benefits in
S.D. Cal. and S.D. Tex. style, AO 245B judgments, press releases and PACER docket lines.

Every passage was written for this file; names are invented. Each row is
``(passage, field, expected)`` and is checked against the rolled-up record that
:func:`extractors.pipeline.extract` makes, the same record the dataset stores.
"""

from __future__ import annotations

import hashlib

import pytest

from expediente.corpus.document import Document, Page
from expediente.extractors.pipeline import extract
from expediente.extractors.records import DocumentRecord

# ---------------------------------------------------------------------------------------------- passages

CAPTION_EDNY = """UNITED STATES DISTRICT COURT
EASTERN DISTRICT OF NEW YORK
------------------------------------X
UNITED STATES OF AMERICA
                                              SUPERSEDING INDICTMENT
        - against -
                                              Cr. No. 18-552 (S-3) (KAM)
ANASTASIO RIVERÓN QUIÑÓNEZ,                    (T. 21, U.S.C., §§ 848(a), 848(b),
    also known as "El Ingeniero,"                848(c), 848(e)(1)(A), 853(a),
    "Don Tacho" and "El Señor,"                  853(p), 959(d), 960(b)(1)(B)(ii)
    and                                          and 963; T. 18, U.S.C., §§ 924(c)
HÉCTOR VILLARREAL-ORDAZ,                         and 1956(h))
    also known as "El Gallo,"
                    Defendants.
------------------------------------X
THE GRAND JURY CHARGES:
"""

CAPTION_SDNY = """UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF NEW YORK
- - - - - - - - - - - - - - - - - - x
UNITED STATES OF AMERICA
          - v. -
JESÚS ALBERTO OCHOA-BELTRÁN,
     a/k/a "Chuy,"
     a/k/a "El Contador,"
DAMIÁN SALCIDO MEZA,
     a/k/a "Flaco," and
FNU LNU,
     a/k/a "El Güero,"
                    Defendants.
- - - - - - - - - - - - - - - - - - x
SEALED SUPERSEDING INDICTMENT
S2 23 Cr. 412 (JPC)
COUNT ONE
(Narcotics Importation Conspiracy)
The Grand Jury charges:
"""

CAPTION_CASD_PLEA = """UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF CALIFORNIA
UNITED STATES OF AMERICA,                   Case No. 3:22-cr-01877-JLS
               Plaintiff,
     v.                                      PLEA AGREEMENT
ADRIANA GUADALUPE RENTERÍA-SOSA,
               Defendant.

IT IS HEREBY AGREED between the plaintiff, UNITED STATES OF AMERICA, through its counsel, and
the defendant, ADRIANA GUADALUPE RENTERÍA-SOSA, with the advice and consent of her counsel, as follows:
I. THE PLEA
Defendant agrees to plead guilty to a single-count Information charging defendant with importation of
methamphetamine, in violation of 21 U.S.C. §§ 952 and 960.
"""

CAPTION_DDC_NUMBERED = """UNITED STATES DISTRICT COURT
FOR THE DISTRICT OF COLUMBIA
UNITED STATES OF AMERICA          :     CRIMINAL NO. 1:17-cr-00231 (RJL)
                                   :
        v.                         :     VIOLATIONS:
                                   :     21 U.S.C. §§ 959(a), 960 and 963
(1) EVARISTO MEZQUITE-LIZÁRRAGA,   :     (Conspiracy to Distribute Five Kilograms
    also known as "El Pariente,"   :     or More of Cocaine for Importation into
(2) OSIEL TAPIA ZAVALETA,          :     the United States)
    a/k/a "Comandante Ocho,"       :
                Defendants.        :
INDICTMENT
The Grand Jury charges that:
"""

CAPTION_TXWD = """IN THE UNITED STATES DISTRICT COURT
FOR THE WESTERN DISTRICT OF TEXAS
EL PASO DIVISION
UNITED STATES OF AMERICA,            §
     Plaintiff,                       §
v.                                    §     CRIMINAL NO. EP-21-CR-01544-DCG
                                      §
ROSENDO ELIZONDO GARZA,               §
     Defendant.                       §
INDICTMENT
THE GRAND JURY CHARGES:
"""

COUNT_CCE = """COUNT ONE
(Continuing Criminal Enterprise)
1. In or about and between January 1990 and March 2016, both dates being approximate and inclusive,
within the Eastern District of New York and elsewhere, the defendant ANASTASIO RIVERÓN QUIÑÓNEZ,
together with others, did knowingly and intentionally engage in a continuing criminal enterprise, in
that the defendant committed violations of Title 21, United States Code, Sections 841(a)(1), 846,
952(a), 959(a), 960(a) and 963, which were part of a continuing series of violations of those
statutes undertaken by the defendant in concert with five or more other persons, with respect to whom
the defendant occupied a position of organizer, supervisor and manager.
(Title 21, United States Code, Sections 848(a), 848(b) and 848(c); Title 18, United States Code,
Sections 2 and 3551 et seq.)
"""

COUNT_CCE_MURDER = """COUNT TWO
(Murder While Engaged in a Continuing Criminal Enterprise)
2. On or about June 4, 2009, within Mexico, the defendant ANASTASIO RIVERÓN QUIÑÓNEZ, while engaged
in a continuing criminal enterprise, did knowingly and intentionally kill and counsel, command, induce,
procure and cause the intentional killing of a rival trafficker, and such killing did result.
(Title 21, United States Code, Section 848(e)(1)(A); Title 18, United States Code, Sections 2 and
3551 et seq.)
"""

VIOLATION_85 = """Violation Eighty-Five
(Murder Conspiracy)
91. Between January 2007 and December 2008, the defendant, together with others, did knowingly and
intentionally conspire to kill and cause the intentional killing of members of a rival trafficking
organization, while engaged in a continuing criminal enterprise, in violation of Title 21, United
States Code, Section 848(e)(1)(A).
"""

COUNT_959 = """COUNT THREE
(International Cocaine Manufacturing and Distribution Conspiracy)
3. Between January 2003 and December 2015, the defendants, together with others, did knowingly and
intentionally conspire to manufacture and distribute a controlled substance, intending, knowing and
having reasonable cause to believe that such substance would be unlawfully imported into the United
States from a place outside thereof, contrary to Title 21, United States Code, Sections 959(a) and
960(a)(3). The amount of cocaine involved in the conspiracy attributable to each defendant was five
kilograms or more of a substance containing cocaine, contrary to Title 21, United States Code,
Section 960(b)(1)(B)(ii).
(Title 21, United States Code, Sections 963, 960(b)(1)(B)(ii) and 959(d); Title 18, United States
Code, Sections 3238 and 3551 et seq.)
"""

COUNT_IMPORT = """COUNT 1
On or about August 14, 2021, within the Southern District of California, defendant ROSA ELENA
BARRAZA-TREVIÑO did knowingly and intentionally import 500 grams and more, to wit: approximately
17.4 kilograms (38.36 pounds) of a mixture and substance containing a detectable amount of
methamphetamine, a Schedule II Controlled Substance, into the United States from a place outside
thereof; in violation of Title 21, United States Code, Sections 952(a), 960(a)(1) and 960(b)(1)(H).
"""

COUNT_IMPORT_COKE = """The defendant knowingly imported into the United States from Mexico five
kilograms or more of
a mixture and substance containing a detectable amount of cocaine, its salts, optical and geometric
isomers, and salts of isomers, in violation of Title 21, United States Code, Sections 952(a), 960(a)(1)
and 960(b)(1)(B)(ii).
"""

COUNT_924C = """COUNT FIVE
(Use, Carrying and Possession of Firearms)
5. In or about and between January 2006 and December 2015, the defendant, together with others, did
knowingly and intentionally use and carry one or more firearms during and in relation to one or more
drug trafficking crimes, to wit: the crimes charged in Counts One through Four, and did knowingly and
intentionally possess such firearms in furtherance of said drug trafficking crimes, one or more of
which firearms was brandished and discharged and was a machinegun.
(Title 18, United States Code, Sections 924(c)(1)(A)(i), 924(c)(1)(A)(ii), 924(c)(1)(A)(iii),
924(c)(1)(B)(ii) and 2)
"""

COUNT_1956H = """COUNT SIX
(Conspiracy to Launder Narcotics Proceeds)
6. From at least in or about 2012 up to and including in or about 2019, the defendants, and others
known and unknown, knowingly did combine, conspire, confederate and agree together and with each other
to conduct financial transactions involving the proceeds of specified unlawful activity, to wit, the
felonious importation, receipt, concealment, buying, selling and otherwise dealing in a controlled
substance, knowing that the transactions were designed to conceal the nature, location, source,
ownership and control of those proceeds, in violation of Title 18, United States Code, Section
1956(a)(1)(B)(i).
(Title 18, United States Code, Section 1956(h).)
"""

COUNT_NARCOTERROR = """COUNT FOUR
(Narco-Terrorism Conspiracy)
The defendant knowingly and intentionally conspired to manufacture, distribute and possess with intent
to distribute fentanyl, knowing and intending to provide, directly and indirectly, anything of
pecuniary value to a person and organization that has engaged and engages in terrorism, in violation
of Title 21, United States Code, Section 960a.
COUNT FIVE
(Conspiracy to Provide Material Support to a Designated Foreign Terrorist Organization)
The defendant knowingly conspired to provide material support and resources, including personnel and
weapons, to a cartel that the Secretary of State had designated as a foreign terrorist organization,
knowing that the organization had been so designated, in violation of Title 18, United States Code,
Section 2339B(a)(1).
"""

COUNT_1512 = """COUNT SEVEN
(Witness Tampering)
The defendant knowingly attempted to kill a cooperating witness with intent to prevent the attendance
and testimony of that person in an official proceeding, in violation of Title 18, United States Code,
Sections 1512(a)(1)(A) and 2.
"""

GUIDELINES_ONLY = """The parties agree that the base offense level is 38 under USSG § 2D1.1(c)(1), that
two levels are
added under § 2D1.1(b)(1) because a dangerous weapon was possessed, and that the defendant qualifies
for a reduction under § 3E1.1.
"""

DRUG_FENTANYL = """The defendants conspired to distribute and possess with intent to distribute 400
grams or more of
a mixture and substance containing a detectable amount of N-phenyl-N-[1-(2-phenylethyl)-4-piperidinyl]
propanamide (fentanyl), a Schedule II controlled substance, in violation of 21 U.S.C. §§ 841(a)(1),
841(b)(1)(A)(vi) and 846.
"""

DRUG_METH_ACTUAL = """Count Two charges possession with intent to distribute 50 grams or more of
methamphetamine (actual),
in violation of 21 U.S.C. § 841(a)(1) and (b)(1)(A)(viii).
"""

DRUG_MARIJUANA = """Between 2008 and 2014 the organization smuggled in excess of 1,000 kilograms of
marijuana across the
border near Nogales, Arizona, in tractor-trailers loaded with produce.
"""

DRUG_HEROIN = """The defendant agreed to sell one kilogram or more of a mixture and substance containing
a detectable
amount of heroin to the undercover officer.
"""

CUSTODY_EXTRADITED_DATE = """RAMÓN ESPINOZA-URÍAS, 51, of Culiacán, Sinaloa, was extradited from Mexico on
February 3, 2023, and made his initial appearance this afternoon before a United States Magistrate Judge
in Brooklyn federal court.
"""

CUSTODY_ARRIVED = """The defendant arrived in the United States following his extradition on May 12,
2022, and has
been detained at the Metropolitan Detention Center since that date.
"""

CUSTODY_INITIAL_APPEARANCE = """Mr. Quiñónez made his initial appearance in this District after
extradition and was ordered
detained pending trial.
"""

CUSTODY_EXPELLED = """On February 27, 2025, the defendant was expelled from Mexico and taken into
custody by U.S.
authorities, and he was transported to this District to face the charges in the Indictment.
"""

CUSTODY_MEXICAN_ARREST_EXTRADITED = """The defendant was arrested by Mexican authorities in Los Mochis,
Sinaloa,
in January 2016, and was extradited to the United States one year later.
"""

CUSTODY_POE = """On March 9, 2022, the defendant was arrested at the Calexico West Port of Entry after
officers found
packages of fentanyl pills concealed in the spare tire of the car she was driving.
"""

CUSTODY_BORDER_PATROL = """The defendant was apprehended by Border Patrol agents near Sasabe, Arizona,
carrying a backpack
containing approximately 20 pounds of methamphetamine.
"""

CUSTODY_SURRENDER_BORDER = """Knowing that he had been charged, the defendant surrendered to U.S.
authorities at the
border crossing in Nogales, Arizona, on October 2, 2019.
"""

CUSTODY_MARSHALS = """After learning of the indictment, the defendant turned himself in to U.S. Marshals
in El Paso.
"""

CUSTODY_REMAINS_MEXICO = """The defendant was arrested in Guadalajara in 2022 on a provisional arrest
warrant and remains in
custody in Mexico pending extradition to the United States.
"""

CUSTODY_DETAINED_PENDING = """He was detained in Mexico pending extradition after Mexican marines
captured him at a ranch
near Badiraguato.
"""

BENEFIT_ACCEPTANCE_SDCAL = """B. ACCEPTANCE OF RESPONSIBILITY
Despite paragraph A above, the Government will recommend that the defendant receive a downward
adjustment of two levels for acceptance of responsibility under USSG § 3E1.1(a), and will move for an
additional one-level reduction under USSG § 3E1.1(b), unless the defendant fails to truthfully admit
the facts of the offense.
"""

BENEFIT_FAST_TRACK = """C. FAST-TRACK DEPARTURE
In exchange for the defendant's early plea and waiver of appeal, the Government will move for a
four-level downward departure under the district's Early Disposition Program, USSG § 5K3.1.
"""

BENEFIT_SAFETY_VALVE = """If the Court finds that the defendant meets the criteria of 18 U.S.C. §
3553(f) and USSG § 5C1.2,
the parties will jointly recommend a two-level reduction in the offense level under USSG § 2D1.1(b)(18).
"""

BENEFIT_DISMISS = """At the time of sentencing, the Government will move to dismiss the remaining counts
of the
Indictment as to this defendant.
"""

BENEFIT_5K_CONDITIONAL = """If the defendant provides substantial assistance in the investigation or
prosecution of others,
the United States agrees to file a motion pursuant to USSG § 5K1.1 and 18 U.S.C. § 3553(e), if, in its
sole discretion, it determines that the defendant has fully complied with this agreement.
"""

BENEFIT_5K_DISCLAIMED = """The defendant understands that the Government has made no promise to file a
motion for a
downward departure under USSG § 5K1.1 or 18 U.S.C. § 3553(e), and that the decision whether to file such
a motion rests solely with the Government.
"""

BENEFIT_SV_INELIGIBLE = """Because he was an organizer of the smuggling operation, the defendant is not
eligible for the
safety valve under 18 U.S.C. § 3553(f).
"""

BENEFIT_11C1C = """Pursuant to Federal Rule of Criminal Procedure 11(c)(1)(C), the parties agree that a
sentence of
168 months of imprisonment is the appropriate disposition of this case.
"""

BENEFIT_NO_FURTHER = """In exchange for the defendant's guilty plea, the United States agrees not to
bring additional
charges against the defendant arising out of the conduct described in the factual basis.
"""

BENEFIT_5K_FILED = """The Government respectfully submits this memorandum in support of its motion
pursuant to Section
5K1.1 of the Sentencing Guidelines and 18 U.S.C. § 3553(e), which the Government has filed under seal.
"""

JUDGMENT_LIFE = """UNITED STATES DISTRICT COURT
Eastern District of New York
UNITED STATES OF AMERICA                          JUDGMENT IN A CRIMINAL CASE
v.
ANASTASIO RIVERÓN QUIÑÓNEZ                         Case Number: 1:18-CR-00552-001 (KAM)
THE DEFENDANT:
☐ pleaded guilty to count(s)
☒ was found guilty on count(s) 1s through 10s of the Third Superseding Indictment
after a plea of not guilty.
IMPRISONMENT
The defendant is hereby committed to the custody of the Federal Bureau of Prisons to be imprisoned for a
total term of: LIFE plus 30 years, consisting of life on Count 1s and a consecutive term of 30 years on
Count 5s.
"""

JUDGMENT_360 = """JUDGMENT IN A CRIMINAL CASE
THE DEFENDANT:
☒ pleaded guilty to count(s) 1s of the Superseding Indictment
The defendant is adjudicated guilty of these offenses:
Title & Section                 Nature of Offense                              Offense Ended   Count
21 U.S.C. §§ 952, 960 & 963     Conspiracy to Import Cocaine                   12/31/2015      1s
☒ Count(s) 2s through 6s and the underlying Indictment are dismissed on the motion of the United States.
IMPRISONMENT
The defendant is hereby committed to the custody of the Federal Bureau of Prisons to be imprisoned for a
total term of: Three hundred sixty (360) months.
"""

JUDGMENT_TIME_SERVED = """JUDGMENT IN A CRIMINAL CASE
The defendant pleaded guilty to count(s) 1 of the Information.
IMPRISONMENT
The defendant is hereby committed to the custody of the Federal Bureau of Prisons to be imprisoned for a
total term of: TIME SERVED.
"""

JUDGMENT_PROBATION = """JUDGMENT IN A CRIMINAL CASE
The defendant pleaded guilty to count(s) 1 of the Information.
PROBATION
You are hereby sentenced to probation for a term of: three (3) years.
"""

PRESS_LIFE = """FOR IMMEDIATE RELEASE
Department of Justice
Office of Public Affairs
Former Sinaloa Cartel Plaza Boss Sentenced to Life in Prison
Attorney General and the Administrator of the Drug Enforcement Administration announced today that
HÉCTOR VILLARREAL-ORDAZ, also known as "El Gallo," 49, a Mexican national, was sentenced today to life in
prison for leading a cocaine and fentanyl trafficking organization. Villarreal-Ordaz was convicted by a
federal jury in March 2024 after a six-week trial.
"""

PRESS_YEARS = """FOR IMMEDIATE RELEASE
U.S. Attorney's Office, Western District of Texas
Cartel Lieutenant Sentenced to 30 Years
SAN ANTONIO - A Mexican national was sentenced today to 30 years in federal prison for conspiring to
import more than five kilograms of cocaine. He pleaded guilty in June 2023.
"""

PRESS_PLEA = """FOR IMMEDIATE RELEASE
U.S. Attorney's Office, Northern District of Illinois
CHICAGO - A Mexican national extradited last year pleaded guilty today in federal court in Chicago to
conspiring to import multi-ton quantities of cocaine into the United States. Sentencing is set for
September 12, 2024.
"""

DOCKET = """U.S. District Court
Southern District of California (San Diego)
CRIMINAL DOCKET FOR CASE #: 3:19-cr-04410-BAS-1
Case title: USA v. Gallardo-Ibarra
Date Filed: 10/30/2019
Assigned to: Judge Cynthia Bashant
Defendant (1)
Ismael Gallardo-Ibarra
Pending Counts                                          Disposition
21:952 and 960 - Importation of Methamphetamine          Imprisonment: 240 months; Supervised Release: 5
years
(1)
21:963=ND.F CONSPIRACY TO IMPORT CONTROLLED SUBSTANCES   Dismissed
(2)
Date Filed   #   Docket Text
10/12/2019   1   COMPLAINT as to Ismael Gallardo-Ibarra (1). (jmr)
10/12/2019   2   Arrest of Ismael Gallardo-Ibarra in Southern District of California. (jmr)
10/15/2019   4   ORDER OF DETENTION as to Ismael Gallardo-Ibarra. (jmr)
02/03/2020  31   CHANGE OF PLEA HEARING as to Ismael Gallardo-Ibarra held. Plea entered by Ismael
                 Gallardo-Ibarra (1) Guilty Count 1. (jmr)
"""

DOCKET_RULE5 = """Date Filed   #   Docket Text
03/02/2020   7   Rule 5(c)(3) Documents Received as to Leobardo Cázares-Ruelas from the Western
                 District of Texas. (mdc)
"""

MEMO_BACKGROUND_VIOLENCE = """The cartel the defendant helped run maintained its grip on the plaza
through violence,
including murder, kidnapping and torture, carried out by teams of sicarios who answered to its leaders.
"""

MEMO_ORDERED_KILLING = """The evidence at trial showed that the defendant ordered the killing of a rival
trafficker who had
stolen a load of cocaine, and that his sicarios carried out the order days later.
"""

MEMO_DISAPPEARED = """Witnesses described how people who crossed the organization were forcibly
disappeared; their
families never learned what happened to them.
"""

VICTIM_US_CITIZEN = """Victim-1, a United States citizen, was abducted outside a restaurant in Nuevo
Laredo and held for
ransom by members of the organization.
"""

VICTIM_DEA = """The defendant participated in the abduction and murder of a DEA Special Agent in
Guadalajara.
"""

OFFICIAL_SECRETARY = """The defendant, a former Secretary of Public Security of Mexico, accepted
millions of dollars in
bribes from the cartel in exchange for protection.
"""

OFFICIAL_FEDERAL_POLICE = """From 2008 to 2012, the defendant served as a regional commander of the
Federal Police in
Michoacán, and during that time he passed information about planned operations to the cartel.
"""

OFFICIAL_GOVERNOR = """At all times relevant to this Indictment, the defendant LEOPOLDO ZAMUDIO ACEVES
was the then-Governor of the State of Tamaulipas and, while in office,
received bribes from drug traffickers.
"""

OFFICIAL_BRIBED_NOT_DEFENDANT = """The organization kept municipal police officers on the cartel's
payroll, paying them to
warn its members of military operations and to release detained members.
"""

OFFICIAL_BRIBED_COMMANDER = """The defendant paid a state police commander $50,000 a month so that
shipments passing through
Reynosa would not be inspected.
"""

OFFICIAL_CAPTION_NAMED = """UNITED STATES DISTRICT COURT
EASTERN DISTRICT OF NEW YORK
UNITED STATES OF AMERICA
      - against -
GERMÁN ALCOCER VELÁZQUEZ,
                Defendant.
INDICTMENT
From 2006 to 2012, GERMÁN ALCOCER VELÁZQUEZ was a high-ranking official in Mexico's federal
public security apparatus, including a former commander of the Federal Police.
"""

COMPLAINT = """UNITED STATES DISTRICT COURT
for the Southern District of Texas
United States of America
v.                                          Case No. 7:23-mj-01422
Jesús Manuel Ortiz-Cavazos
CRIMINAL COMPLAINT
I, the complainant in this case, state that the following is true to the best of my knowledge and belief.
"""

INFORMATION = """UNITED STATES DISTRICT COURT
NORTHERN DISTRICT OF ILLINOIS
EASTERN DIVISION
UNITED STATES OF AMERICA         )
         v.                       )    No. 1:21-cr-00388
EUSEBIO GALINDO PÉREZ             )
INFORMATION
COUNT ONE
The UNITED STATES ATTORNEY charges:
"""

SENTENCING_MEMO = """UNITED STATES DISTRICT COURT
SOUTHERN DISTRICT OF FLORIDA
UNITED STATES OF AMERICA,
v.                                           Case No. 1:20-cr-20415-KMW
CELESTINO BARRAGÁN-ORTEGA,
GOVERNMENT'S SENTENCING MEMORANDUM
The United States respectfully submits this memorandum in advance of the sentencing of defendant
Celestino Barragán-Ortega, scheduled for May 2, 2023.
"""

ARIZONA_COURT = """UNITED STATES DISTRICT COURT
FOR THE DISTRICT OF ARIZONA
United States of America,                 No. CR-22-01234-PHX-DJH
               Plaintiff,
v.                                          PLEA AGREEMENT
Ana Lucía Félix-Robles,
               Defendant.
"""

PRESS_MONTHS = """FOR IMMEDIATE RELEASE
U.S. Attorney's Office, Southern District of California
SAN DIEGO - A Tijuana woman who tried to drive 31 pounds of fentanyl powder through the Otay Mesa Port of
Entry was sentenced in federal court yesterday to 188 months in prison. According to her plea agreement,
she was arrested on August 3, 2022, when she attempted to enter the United States.
"""

COMPLAINT_POE = """On or about August 3, 2022, CBP officers at the San Ysidro Port of Entry referred the
vehicle driven
by the defendant to secondary inspection, where a canine alerted to the quarter panels. Agents with
Homeland Security Investigations arrested LUCERO at the port of entry.
"""

BENEFIT_LOW_END = """In light of the defendant's acceptance of responsibility, the United States agrees
to recommend a
sentence at the low end of the advisory guideline range as calculated by the Court.
"""

BENEFIT_SV_RECOMMEND = """The Government agrees to recommend that the defendant receive the two-level
safety valve reduction
provided the defendant truthfully provides all information before sentencing.
"""

BENEFIT_JUDGMENT_ALL_REMAINING = """JUDGMENT IN A CRIMINAL CASE
The defendant pleaded guilty to count(s) One of the Indictment.
☒ All remaining counts are dismissed on the motion of the United States.
"""

BENEFIT_RULE35 = """On March 2, 2021, the Government filed a motion under Rule 35(b) of the Federal
Rules of Criminal
Procedure based on the defendant's substantial assistance after sentencing.
"""

VIOLENCE_CHARGED_COUNT = """COUNT TWELVE
(Conspiracy to Murder Rival Cartel Members)
The defendants conspired to kill members of a rival drug trafficking organization, in violation of
Title 18, United States Code, Section 1959(a)(5).
"""

VIOLENCE_PLEA_FACTS = """As part of the factual basis, the defendant admits that in 2014 he directed
members of the
organization to kidnap a man who owed the cartel money, and that the man was beaten and tortured.
"""

OFFICIAL_MUNICIPAL = """At the time of the offense, the defendant was a municipal police officer in
Tijuana, Baja California,
and used his patrol car to escort loads of methamphetamine to stash houses near the border.
"""

OFFICIAL_CORRUPT_MEMO = """The cartel could operate openly only because corrupt Mexican officials,
including judges and state
police commanders, were paid to look the other way.
"""

DOCKET_EXTRADITION = """Date Filed   #   Docket Text
02/24/2023  41   Arrest of Efraín Molina-Zárate. Initial Appearance held on 2/24/2023 following
                 extradition from Mexico. Defendant remanded. (bg)
"""

DOCKET_846 = """Pending Counts                                             Disposition
21:846 and 841(b)(1)(A) CONSPIRACY TO DISTRIBUTE            Imprisonment: 151 months as to count 1
METHAMPHETAMINE
(1)
"""


# ------------------------------------------------------------------------------------------------ checks


def _doc(text: str) -> Document:
    raw = text.encode("utf-8")
    page = Page(number=1, text=text, method="plain")
    return Document(path="passage.txt", sha256=hashlib.sha256(raw).hexdigest(), kind="text", pages=(page,))


_RECORDS: dict[str, DocumentRecord] = {}


def record_of(text: str) -> DocumentRecord:
    if text not in _RECORDS:
        _RECORDS[text] = extract(_doc(text))
    return _RECORDS[text]


def _mentions(rec: DocumentRecord, field: str) -> list:
    """Every item of a registry field: a mentions field's items, or a single field's value and candidates."""
    found = [m for m in rec.mentions if m.field == field]
    chosen = rec.values.get(field)
    if chosen is not None and chosen.evidence is not None:
        found.append(chosen)
    return found


# the rows' field names that name a registry field differently
ROW_FIELDS = {"court": "court_id", "sentence": "sentence_months", "custody_mentions": "custody"}


def observe(rec: DocumentRecord, field: str):
    """The value of ``field`` in the record, in the shape the row's ``expected`` is written in."""
    name = ROW_FIELDS.get(field, field)
    if field in ("doc_type", "court", "case_number", "custody", "plea", "public_official", "sentence"):
        return rec.value(name)
    if field == "defendants":
        return {d.name.casefold() for d in rec.defendants}
    if field == "aliases":
        return {a.casefold() for d in rec.defendants for a in d.aliases}
    if field == "statutes":
        return {s.citation for s in rec.statutes_cited}
    if field == "counts":
        return {(c.label, s.citation) for c in rec.counts for s in c.statutes}
    if field == "categories":
        return {s.category for s in rec.statutes_cited}
    if field == "drugs":
        return {(m.value, m.attrs.get("quantity")) for m in _mentions(rec, "drugs")}
    if field == "drug_names":
        return {m.value for m in _mentions(rec, "drugs")}
    if field == "violence":
        return {(m.value, bool(m.attrs.get("charged"))) for m in _mentions(rec, "violent_crime_mentions")}
    if field in ("victims", "benefits", "custody_mentions"):
        return {m.value for m in _mentions(rec, name)}
    raise KeyError(field)


# (passage, field, expected): a set expected means "all of these are present"; a value in NOT(...) means
# "absent"; anything else must equal the observed value.
class NOT(frozenset):
    pass


# regression: the arrest abroad is worded more strongly than the extradition that followed it
CUSTODY_ARREST_ABROAD_THEN_EXTRADITED = """The defendant was arrested by Mexican federal police in Culiacan in
2016 and was extradited in 2017."""

ROWS = [
    # captions: court, defendants, aliases, case numbers
    ("edny_caption", CAPTION_EDNY, "doc_type", "superseding_indictment"),
    ("edny_caption", CAPTION_EDNY, "court", "nyed"),
    ("edny_caption", CAPTION_EDNY, "defendants", {"anastasio riverón quiñónez", "héctor villarreal-ordaz"}),
    ("edny_caption", CAPTION_EDNY, "aliases", {"el ingeniero", "don tacho", "el señor", "el gallo"}),
    ("sdny_caption", CAPTION_SDNY, "court", "nysd"),
    ("sdny_caption", CAPTION_SDNY, "defendants", {"jesús alberto ochoa-beltrán", "damián salcido meza"}),
    ("sdny_caption", CAPTION_SDNY, "aliases", {"chuy", "el contador", "flaco", "el güero"}),
    ("sdny_caption", CAPTION_SDNY, "doc_type", "superseding_indictment"),
    ("casd_plea", CAPTION_CASD_PLEA, "doc_type", "plea_agreement"),
    ("casd_plea", CAPTION_CASD_PLEA, "court", "casd"),
    ("casd_plea", CAPTION_CASD_PLEA, "case_number", "3:22-cr-01877"),
    ("casd_plea", CAPTION_CASD_PLEA, "defendants", {"adriana guadalupe rentería-sosa"}),
    ("casd_plea", CAPTION_CASD_PLEA, "drug_names", {"methamphetamine"}),
    ("ddc_numbered", CAPTION_DDC_NUMBERED, "court", "dcd"),
    ("ddc_numbered", CAPTION_DDC_NUMBERED, "case_number", "1:17-cr-00231"),
    ("ddc_numbered", CAPTION_DDC_NUMBERED, "defendants", {"evaristo mezquite-lizárraga", "osiel tapia zavaleta"}),
    ("ddc_numbered", CAPTION_DDC_NUMBERED, "aliases", {"el pariente", "comandante ocho"}),
    ("ddc_numbered", CAPTION_DDC_NUMBERED, "doc_type", "indictment"),
    ("txwd_caption", CAPTION_TXWD, "court", "txwd"),
    ("txwd_caption", CAPTION_TXWD, "defendants", {"rosendo elizondo garza"}),
    ("txwd_caption", CAPTION_TXWD, "doc_type", "indictment"),
    ("azd_plea", ARIZONA_COURT, "court", "azd"),
    ("azd_plea", ARIZONA_COURT, "defendants", {"ana lucía félix-robles"}),
    ("complaint", COMPLAINT, "doc_type", "complaint"),
    ("complaint", COMPLAINT, "court", "txsd"),
    ("information", INFORMATION, "doc_type", "information"),
    ("information", INFORMATION, "court", "ilnd"),
    ("information", INFORMATION, "case_number", "1:21-cr-00388"),
    ("sentencing_memo", SENTENCING_MEMO, "doc_type", "sentencing_memo"),
    ("sentencing_memo", SENTENCING_MEMO, "court", "flsd"),
    # statutes and counts
    ("cce", COUNT_CCE, "statutes", {"21 U.S.C. § 848(a)", "21 U.S.C. § 848(b)", "21 U.S.C. § 848(c)"}),
    ("cce", COUNT_CCE, "categories", {"continuing_criminal_enterprise"}),
    ("cce", COUNT_CCE, "counts", {("1", "21 U.S.C. § 848(a)")}),
    ("cce_murder", COUNT_CCE_MURDER, "statutes", {"21 U.S.C. § 848(e)(1)(A)"}),
    ("cce_murder", COUNT_CCE_MURDER, "counts", {("2", "21 U.S.C. § 848(e)(1)(A)")}),
    ("cce_murder", COUNT_CCE_MURDER, "violence", {("murder", True)}),
    ("violation_85", VIOLATION_85, "violence", {("murder", True)}),
    ("959", COUNT_959, "statutes", {"21 U.S.C. § 963", "21 U.S.C. § 960(b)(1)(B)(ii)", "21 U.S.C. § 959(d)"}),
    ("959", COUNT_959, "counts", {("3", "21 U.S.C. § 963")}),
    ("959", COUNT_959, "drugs", {("cocaine", "5 kilograms or more")}),
    ("import", COUNT_IMPORT, "statutes", {"21 U.S.C. § 952(a)", "21 U.S.C. § 960(a)(1)", "21 U.S.C. § 960(b)(1)(H)"}),
    ("import", COUNT_IMPORT, "drug_names", {"methamphetamine"}),
    ("import_coke", COUNT_IMPORT_COKE, "statutes", {"21 U.S.C. § 952(a)", "21 U.S.C. § 960(b)(1)(B)(ii)"}),
    ("import_coke", COUNT_IMPORT_COKE, "drugs", {("cocaine", "5 kilograms or more")}),
    ("924c", COUNT_924C, "statutes", {"18 U.S.C. § 924(c)(1)(A)(i)", "18 U.S.C. § 924(c)(1)(B)(ii)"}),
    ("924c", COUNT_924C, "categories", {"weapons"}),
    ("1956h", COUNT_1956H, "statutes", {"18 U.S.C. § 1956(h)"}),
    ("1956h", COUNT_1956H, "categories", {"money_laundering"}),
    ("narcoterror", COUNT_NARCOTERROR, "statutes", {"21 U.S.C. § 960a", "18 U.S.C. § 2339B(a)(1)"}),
    ("narcoterror", COUNT_NARCOTERROR, "counts", {("4", "21 U.S.C. § 960a"), ("5", "18 U.S.C. § 2339B(a)(1)")}),
    ("1512", COUNT_1512, "statutes", {"18 U.S.C. § 1512(a)(1)(A)"}),
    ("1512", COUNT_1512, "violence", {("murder", True)}),
    ("guidelines", GUIDELINES_ONLY, "statutes", set()),
    ("guidelines", GUIDELINES_ONLY, "statutes", NOT({"U.S.S.G. § 2D1.1"})),
    # drugs and quantities
    ("fentanyl", DRUG_FENTANYL, "drugs", {("fentanyl", "400 grams or more")}),
    ("fentanyl", DRUG_FENTANYL, "statutes", {"21 U.S.C. § 841(b)(1)(A)(vi)", "21 U.S.C. § 846"}),
    ("meth_actual", DRUG_METH_ACTUAL, "drugs", {("methamphetamine", "50 grams or more")}),
    ("meth_actual", DRUG_METH_ACTUAL, "statutes", {"21 U.S.C. § 841(a)(1)", "21 U.S.C. § 841(b)(1)(A)(viii)"}),
    ("marijuana", DRUG_MARIJUANA, "drugs", {("marijuana", "in excess of 1,000 kilograms")}),
    ("heroin", DRUG_HEROIN, "drugs", {("heroin", "1 kilogram or more")}),
    # custody route
    ("extradited_date", CUSTODY_EXTRADITED_DATE, "custody", "extradited"),
    ("arrived", CUSTODY_ARRIVED, "custody", "extradited"),
    ("initial_appearance", CUSTODY_INITIAL_APPEARANCE, "custody", "extradited"),
    ("expelled", CUSTODY_EXPELLED, "custody", "extradited"),
    ("mexican_arrest", CUSTODY_MEXICAN_ARREST_EXTRADITED, "custody", "extradited"),
    ("poe", CUSTODY_POE, "custody", "arrested_us"),
    ("border_patrol", CUSTODY_BORDER_PATROL, "custody", "arrested_us"),
    ("surrender_border", CUSTODY_SURRENDER_BORDER, "custody", "surrendered"),
    ("marshals", CUSTODY_MARSHALS, "custody", "surrendered"),
    ("remains_mexico", CUSTODY_REMAINS_MEXICO, "custody", "detained_abroad"),
    ("remains_mexico", CUSTODY_REMAINS_MEXICO, "custody_mentions", NOT({"extradited"})),
    ("detained_pending", CUSTODY_DETAINED_PENDING, "custody", "detained_abroad"),
    ("detained_pending", CUSTODY_DETAINED_PENDING, "custody_mentions", NOT({"extradited"})),
    ("press_plea", PRESS_PLEA, "custody", "extradited"),
    ("docket", DOCKET, "custody", "arrested_us"),
    ("docket_rule5", DOCKET_RULE5, "custody", "arrested_us"),
    # benefits
    ("acceptance", BENEFIT_ACCEPTANCE_SDCAL, "benefits", {"acceptance_of_responsibility"}),
    ("fast_track", BENEFIT_FAST_TRACK, "benefits", {"sentence_reduction_other"}),
    ("safety_valve", BENEFIT_SAFETY_VALVE, "benefits", {"safety_valve"}),
    ("dismiss", BENEFIT_DISMISS, "benefits", {"dismiss_counts"}),
    ("5k_conditional", BENEFIT_5K_CONDITIONAL, "benefits", {"substantial_assistance_5k1"}),
    (
        "5k_disclaimed",
        BENEFIT_5K_DISCLAIMED,
        "benefits",
        NOT({"substantial_assistance_5k1", "sentence_reduction_other"}),
    ),
    ("sv_ineligible", BENEFIT_SV_INELIGIBLE, "benefits", NOT({"safety_valve"})),
    ("11c1c", BENEFIT_11C1C, "benefits", {"rule_11c1c_agreed_sentence"}),
    ("no_further", BENEFIT_NO_FURTHER, "benefits", {"no_further_charges"}),
    ("5k_filed", BENEFIT_5K_FILED, "benefits", {"substantial_assistance_5k1"}),
    ("judgment_360", JUDGMENT_360, "benefits", {"dismiss_counts"}),
    ("judgment_probation", JUDGMENT_PROBATION, "benefits", {"probation"}),
    # judgments, press releases, dockets: doc type, plea, sentence
    ("judgment_life", JUDGMENT_LIFE, "doc_type", "judgment"),
    ("judgment_life", JUDGMENT_LIFE, "sentence", "life"),
    ("judgment_life", JUDGMENT_LIFE, "plea", "trial"),
    ("judgment_life", JUDGMENT_LIFE, "court", "nyed"),
    ("judgment_360", JUDGMENT_360, "doc_type", "judgment"),
    ("judgment_360", JUDGMENT_360, "sentence", "360"),
    ("judgment_360", JUDGMENT_360, "plea", "plea"),
    ("judgment_360", JUDGMENT_360, "statutes", {"21 U.S.C. § 952", "21 U.S.C. § 960", "21 U.S.C. § 963"}),
    ("judgment_ts", JUDGMENT_TIME_SERVED, "sentence", "time served"),
    ("judgment_probation", JUDGMENT_PROBATION, "doc_type", "judgment"),
    ("press_life", PRESS_LIFE, "doc_type", "press_release"),
    ("press_life", PRESS_LIFE, "sentence", "life"),
    ("press_life", PRESS_LIFE, "plea", "trial"),
    ("press_life", PRESS_LIFE, "aliases", {"el gallo"}),
    ("press_years", PRESS_YEARS, "sentence", "360"),
    ("press_years", PRESS_YEARS, "plea", "plea"),
    ("press_years", PRESS_YEARS, "doc_type", "press_release"),
    ("press_plea", PRESS_PLEA, "plea", "plea"),
    ("press_plea", PRESS_PLEA, "doc_type", "press_release"),
    ("docket", DOCKET, "doc_type", "docket"),
    ("docket", DOCKET, "court", "casd"),
    ("docket", DOCKET, "case_number", "3:19-cr-04410"),
    ("docket", DOCKET, "statutes", {"21 U.S.C. § 963", "21 U.S.C. § 952", "21 U.S.C. § 960"}),
    ("docket", DOCKET, "sentence", "240"),
    ("docket", DOCKET, "plea", "plea"),
    # violence: charged or background
    (
        "memo_violence",
        MEMO_BACKGROUND_VIOLENCE,
        "violence",
        {("murder", False), ("kidnapping", False), ("torture", False)},
    ),
    ("memo_violence", MEMO_BACKGROUND_VIOLENCE, "violence", NOT({("murder", True), ("kidnapping", True)})),
    ("ordered_killing", MEMO_ORDERED_KILLING, "violence", {("murder", False)}),
    ("disappeared", MEMO_DISAPPEARED, "violence", {("disappearance", False)}),
    # victims
    ("victim_citizen", VICTIM_US_CITIZEN, "victims", {"pseudonymous_victim", "us_citizen"}),
    ("victim_citizen", VICTIM_US_CITIZEN, "violence", {("kidnapping", False)}),
    ("victim_dea", VICTIM_DEA, "victims", {"law_enforcement"}),
    ("victim_dea", VICTIM_DEA, "public_official", "false"),
    # public officials
    ("secretary", OFFICIAL_SECRETARY, "public_official", "true"),
    ("federal_police", OFFICIAL_FEDERAL_POLICE, "public_official", "true"),
    ("governor", OFFICIAL_GOVERNOR, "public_official", "true"),
    ("caption_official", OFFICIAL_CAPTION_NAMED, "public_official", "true"),
    ("payroll", OFFICIAL_BRIBED_NOT_DEFENDANT, "public_official", "false"),
    ("bribed_commander", OFFICIAL_BRIBED_COMMANDER, "public_official", "false"),
    # second round: more phrasings of the same fields
    ("press_months", PRESS_MONTHS, "sentence", "188"),
    ("press_months", PRESS_MONTHS, "custody", "arrested_us"),
    ("press_months", PRESS_MONTHS, "drug_names", {"fentanyl"}),
    ("complaint_poe", COMPLAINT_POE, "custody", "arrested_us"),
    ("low_end", BENEFIT_LOW_END, "benefits", {"sentence_reduction_other"}),
    ("sv_recommend", BENEFIT_SV_RECOMMEND, "benefits", {"safety_valve"}),
    ("all_remaining", BENEFIT_JUDGMENT_ALL_REMAINING, "benefits", {"dismiss_counts"}),
    ("rule35", BENEFIT_RULE35, "benefits", {"rule_35b"}),
    ("charged_murder", VIOLENCE_CHARGED_COUNT, "violence", {("murder", True)}),
    ("charged_murder", VIOLENCE_CHARGED_COUNT, "statutes", {"18 U.S.C. § 1959(a)(5)"}),
    ("charged_murder", VIOLENCE_CHARGED_COUNT, "counts", {("12", "18 U.S.C. § 1959(a)(5)")}),
    ("plea_facts", VIOLENCE_PLEA_FACTS, "violence", {("kidnapping", False), ("torture", False)}),
    ("municipal", OFFICIAL_MUNICIPAL, "public_official", "true"),
    ("corrupt_memo", OFFICIAL_CORRUPT_MEMO, "public_official", "false"),
    ("docket_extradition", DOCKET_EXTRADITION, "custody", "extradited"),
    ("abroad_then_extradited", CUSTODY_ARREST_ABROAD_THEN_EXTRADITED, "custody", "extradited"),
    ("docket_846", DOCKET_846, "statutes", {"21 U.S.C. § 846", "21 U.S.C. § 841(b)(1)(A)"}),
    ("docket_846", DOCKET_846, "sentence", "151"),
]


@pytest.mark.parametrize(("passage", "text", "field", "expected"), ROWS, ids=[f"{r[0]}-{r[2]}" for r in ROWS])
def test_domain_phrasing(passage, text, field, expected):
    got = observe(record_of(text), field)
    if isinstance(expected, NOT):
        assert not (got & expected), f"{passage}: unexpected {sorted(got & expected)}"
    elif isinstance(expected, set) and expected:
        assert expected <= got, f"{passage}: missing {sorted(expected - got)} (got {sorted(got)})"
    else:
        assert got == expected, f"{passage}: {field} = {got!r}, expected {expected!r}"
