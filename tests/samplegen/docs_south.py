"""D. Ariz. (a one-page information as a PNG image, a PACER docket in HTML) and S.D. Fla. (a press
release and a scanned AO 245B judgment for an extradited former state police commander). All invented."""

from __future__ import annotations

from html import escape

from tests.samplegen.common import COURTS, Cite, Count, Doc, Phrases, cite_text, ecf_header, footer, statutes
from tests.samplegen.common import truth_row as row
from tests.samplegen.forms import Defendant, ao245b, california_caption
from tests.samplegen.layout import P, Rule, Style

YBARRA = Defendant("Nicolás Ybarra-Castañeda", ["El Nico"], 1)
FENT_IMPORT = Cite("21", ("952(a)", "960(a)(1)", "960(b)(1)(F)"))
AZ_COUNT = Count("1", [FENT_IMPORT], "Importation of Fentanyl")


def information_png(seed: int) -> Doc:
    ph = Phrases(f"{seed}:azd-information")
    fent = ph("mixture", drug="fentanyl", schedule="II")
    blocks = [
        P(
            "GARRETT W. LINDQVIST\nUnited States Attorney\nDistrict of Arizona\nPAULINA R. ESQUER\n"
            "Assistant United States Attorney\nArizona State Bar No. 029914\n100 W. Monroe Plaza\n"
            "Suite 1800\nPhoenix, Arizona 85004",
            size=10,
            leading=11.5,
            after=8,
        ),
        P("IN THE UNITED STATES DISTRICT COURT", align="center", font="serif-bold", size=11, after=0),
        P("FOR THE DISTRICT OF ARIZONA", align="center", font="serif-bold", size=11, after=6),
        *california_caption(
            f"United States of America,\n\n     Plaintiff,\n\nvs.\n\n{YBARRA.name},\n\n     Defendant.",
            "No. CR-20-00914-PHX-SPL\n\nINFORMATION\n\nVIO: "
            f"{cite_text(FENT_IMPORT, 'usc_short')}\n(Importation of Fentanyl)\nCount 1\n\n"
            "21 U.S.C. § 853 and 28 U.S.C. § 2461(c)\n(Forfeiture Allegation)",
            size=10,
        ),
        P("THE UNITED STATES ATTORNEY CHARGES:", align="center", size=11, after=4),
        P("COUNT 1", align="center", font="serif-bold", size=11, after=2),
        P(
            f"On or about April 22, 2020, in the District of Arizona, Defendant {YBARRA.upper} did knowingly and "
            f"intentionally import into the United States from Mexico 400 grams or more of {fent}.",
            size=11,
            first=36,
            leading=15,
            after=2,
        ),
        P(f"In violation of {cite_text(FENT_IMPORT, 'title')}.", size=11, first=36, leading=15, after=6),
        P("FORFEITURE ALLEGATION", align="center", font="serif-bold", size=11, after=2),
        P(
            "Upon conviction of Count 1, Defendant shall forfeit to the United States any property constituting "
            "or derived from proceeds of the offense and any property used to commit or facilitate it, pursuant "
            "to 21 U.S.C. § 853 and 28 U.S.C. § 2461(c).",
            size=11,
            first=36,
            leading=15,
            after=8,
        ),
        P(
            "GARRETT W. LINDQVIST\nUnited States Attorney\nDistrict of Arizona\n\ns/ Paulina R. Esquer\n"
            "PAULINA R. ESQUER\nAssistant U.S. Attorney",
            size=10,
            leading=11.5,
            indent=260,
        ),
    ]
    style = Style(left=72, right=60, top=40, bottom=30, chrome=footer("", numbered=False))
    truth = row(
        doc_type="information",
        court_id="azd",
        court=COURTS["azd"],
        case_number="20-cr-00914",
        defendants=[YBARRA.name],
        counts=[AZ_COUNT.truth()],
        statutes_cited=statutes([FENT_IMPORT]),
        drugs=[{"drug": "fentanyl", "quantity": "400 grams or more"}],
        plea="pretrial",
    )
    return Doc(
        "azd_20cr914_information_ybarra.png",
        "png",
        truth,
        blocks,
        style,
        seed=seed,
        note="One-page information photographed/scanned as a PNG image (needs OCR)",
    )


DOCKET_ENTRIES = [
    ("04/24/2020", "1", "COMPLAINT as to Nicolás Ybarra-Castañeda (1). (MAP) (Entered: 04/24/2020)"),
    ("04/24/2020", "2", "Arrest Warrant Issued in case as to Nicolás Ybarra-Castañeda. (MAP) (Entered: 04/24/2020)"),
    (
        "05/19/2020",
        "5",
        "Minute Entry for proceedings held before Magistrate Judge Deborah M. Fine: Initial Appearance "
        "as to Nicolás Ybarra-Castañeda held on 5/19/2020. Defendant voluntarily surrendered to the U.S. Marshals "
        "Service at the DeConcini Port of Entry, Nogales, on 5/18/2020. Spanish interpreter present. Detention "
        "hearing set for 5/22/2020. (JAG) (Entered: 05/19/2020)",
    ),
    (
        "05/22/2020",
        "8",
        "ORDER OF DETENTION PENDING TRIAL as to Nicolás Ybarra-Castañeda. Signed by Magistrate "
        "Judge Deborah M. Fine on 5/22/2020. (JAG) (Entered: 05/22/2020)",
    ),
    ("06/16/2020", "12", "WAIVER OF INDICTMENT by Nicolás Ybarra-Castañeda. (LAD) (Entered: 06/16/2020)"),
    ("06/16/2020", "13", "INFORMATION as to Nicolás Ybarra-Castañeda (1) count(s) 1. (LAD) (Entered: 06/16/2020)"),
    (
        "06/16/2020",
        "15",
        "Minute Entry for proceedings held before Magistrate Judge Deborah M. Fine: Change of Plea "
        "Hearing as to Nicolás Ybarra-Castañeda held on 6/16/2020. Plea entered by Nicolás Ybarra-Castañeda (1) "
        "Guilty Count 1 of the Information pursuant to written plea agreement. (LAD) (Entered: 06/16/2020)",
    ),
    ("06/16/2020", "16", "PLEA AGREEMENT as to Nicolás Ybarra-Castañeda. (LAD) (Entered: 06/16/2020)"),
    (
        "09/28/2020",
        "24",
        "SENTENCING MEMORANDUM by USA as to Nicolás Ybarra-Castañeda (Esquer, Paulina) (Entered: 09/28/2020)",
    ),
    (
        "10/05/2020",
        "27",
        "Minute Entry for proceedings held before Judge Sergio P. Lucero: Sentencing held on "
        "10/5/2020 for Nicolás Ybarra-Castañeda (1), Count 1: Defendant committed to the custody of the Bureau of "
        "Prisons for a term of 57 months, with credit for time served. Supervised release for 5 years. Special "
        "assessment of $100 remitted. Complaint dismissed on motion of the government. (ALS) (Entered: 10/05/2020)",
    ),
    (
        "10/06/2020",
        "28",
        "JUDGMENT as to Nicolás Ybarra-Castañeda (1), Count(s) 1, 57 months imprisonment, 5 years "
        "supervised release, $100 special assessment. Signed by Judge Sergio P. Lucero on 10/6/2020. (ALS) "
        "(Entered: 10/06/2020)",
    ),
]


def docket_html(seed: int) -> Doc:
    d = YBARRA
    rows = "\n".join(
        f"<tr><td width='94' valign=top nowrap>{date}</td><td style='white-space:nowrap' valign='top' "
        f"align='right'>{num}&nbsp;</td><td valign=top>{escape(text)}</td></tr>"
        for date, num, text in DOCKET_ENTRIES
    )
    html = f"""<html><head><title>CM/ECF - azd</title></head><body BGCOLOR=CCCCCC TEXT=000000>
<div id="cmecfMainContent">
<table border=0 cellspacing=0 width="100%"><tr><td align=right>CLOSED</td></tr></table>
<h3 align=center>U.S. District Court<BR>
DISTRICT OF ARIZONA (Phoenix Division)<BR>
CRIMINAL DOCKET FOR CASE #: 2:20-cr-00914-SPL-1</h3>
<TABLE width='100%' border=0 CELLSPACING=5><tr>
<td valign=top width="60%"><br>Case title: USA v. Ybarra-Castaneda<br>
Magistrate judge case number: 2:20-mj-05517-DMF</td>
<td valign=top width="40%"><br>Date Filed: 06/16/2020<br>Date Terminated: 10/06/2020</td>
</tr></table>
<HR><TABLE width="100%" border=0 CELLSPACING=5>
<tr><td valign=top width="40%">Assigned to: Judge Sergio P. Lucero</td></tr>
<tr><td valign=top><br><b><u>Defendant (1)</u></b></td></tr>
<tr><td valign=top width="40%"><B>{escape(d.name)}</B><BR><I>TERMINATED: 10/06/2020</I><BR><I>also known as</I>
<BR>{escape(d.aliases[0])}<BR><I>TERMINATED: 10/06/2020</I></td>
<td valign=top width="20%" align=right>represented&nbsp;by</td><td valign=top width="40%"><B>Rosalind T Achterberg</B>
<BR>Federal Public Defender - Phoenix<BR>850 W Adams St., Ste. 201<BR>Phoenix, AZ 85007
<BR><I>LEAD ATTORNEY</I><BR><I>Designation: Public Defender or Community Defender Appointment</I></td></tr>
<tr><td valign=top width="40%"><br><b><u>Pending Counts</u></b></td><td></td>
<td valign=top width="40%"><br><b><u>Disposition</u></b></td></tr>
<tr><td width="40%">21:952(a), 960(a)(1) and 960(b)(1)(F) - IMPORTATION OF FENTANYL<br>(1)</td><td></td>
<td width="60%">Bureau of Prisons for 57 months; Supervised Release for 5 years;
Special assessment $100 remitted.</td></tr>
<tr><td valign=top width="40%"><br><b><u>Highest Offense Level (Opening)</u></b></td></tr>
<tr><td valign=top width="40%">Felony</td></tr>
<tr><td valign=top width="40%"><br><b><u>Terminated Counts</u></b></td><td></td>
<td valign=top width="40%"><br><b><u>Disposition</u></b></td></tr>
<tr><td valign=top width="40%">None</td></tr>
<tr><td valign=top width="40%"><br><b><u>Complaints</u></b></td><td></td>
<td valign=top width="40%"><br><b><u>Disposition</u></b></td></tr>
<tr><td valign=top width="40%">21:952 and 960 - Importation of a controlled substance (fentanyl)</td><td></td>
<td valign=top width="40%">Dismissed</td></tr>
</TABLE><HR><TABLE width="100%" border=0 CELLSPACING=5>
<tr><td valign=top width="40%"><br><b><u>Plaintiff</u></b></td></tr>
<tr><td valign=top width="40%"><B>USA</B></td><td valign=top width="20%" align=right>represented&nbsp;by</td>
<td valign=top width="40%"><B>Paulina R Esquer</B><BR>US Attorneys Office - Phoenix, AZ<BR>100 W. Monroe Plaza
<BR>Phoenix, AZ 85004-4408<BR><I>LEAD ATTORNEY</I>
<BR><I>Designation: Assistant US Attorney</I></td></tr>
</table>
<br><table align=center width='99%' border=1 rules=all cellpadding=5 cellspacing=0>
<tr><td style='font-weight:bold; width=94; white-space:nowrap'>Date Filed</td>
<th>#</th><td style='font-weight:bold'>Docket Text</td></tr>
{rows}
</table><br>
<HR><CENTER><TABLE BORDER=1 BGCOLOR=white width="400"><TR><TH COLSPAN=4>PACER Service Center</TH></TR>
<TR><TH COLSPAN=4>Transaction Receipt</TH></TR><TR><TD COLSPAN=4 ALIGN=CENTER>11/02/2020 14:07:31</TD></TR>
<TR><TH ALIGN=LEFT>Description:</TH><TD>Docket Report</TD><TH ALIGN=LEFT>Search Criteria:</TH>
<TD>2:20-cr-00914-SPL</TD></TR><TR><TH ALIGN=LEFT>Billable Pages:</TH><TD>2</TD><TH ALIGN=LEFT>Cost:</TH>
<TD>0.20</TD></TR></TABLE></CENTER></div></body></html>
"""
    truth = row(
        doc_type="docket",
        court_id="azd",
        court=COURTS["azd"],
        case_number="2:20-cr-00914",
        defendants=[d.name],
        aliases=d.aliases,
        counts=[AZ_COUNT.truth()],
        statutes_cited=statutes([FENT_IMPORT]),
        custody="surrendered",
        plea="plea",
        sentence_months=57,
        date_filed="2020-06-16",
        date_plea="2020-06-16",
        date_sentenced="2020-10-05",
    )
    return Doc(
        "azd_20cr914_docket.html",
        "html",
        truth,
        html=html,
        seed=seed,
        note="PACER docket sheet (HTML): surrender at the port, plea, 57 months",
    )


BENITEZ = Defendant("Arnulfo Benítez-Corral", ["El Licenciado"], 1)
FL_IMPORT = Cite("21", ("952(a)", "960(b)(1)(B)(ii)", "963"))
FL_COUNT = Count("1", [FL_IMPORT], "Conspiracy to Import Five Kilograms or More of Cocaine into the United States")


def press_release(seed: int) -> Doc:
    ph = Phrases(f"{seed}:flsd-press")
    blocks = [
        P("Department of Justice", font="sans-bold", size=16, after=0),
        P("U.S. Attorney's Office", font="sans", size=12, after=0),
        P("Southern District of Florida", font="sans", size=12, after=4),
        Rule(after=10),
        P("FOR IMMEDIATE RELEASE", font="sans-bold", size=10, after=0),
        P("Thursday, March 9, 2023", font="sans", size=10, after=10),
        P(
            "Former Mexican State Police Commander Sentenced to 20 Years for Conspiring to Import Cocaine",
            font="sans-bold",
            size=15,
            leading=18,
            after=10,
        ),
        P(
            "Miami, Florida - A former commander of the Sinaloa State Investigative Police "
            f"{ph('sentenced_years', years='20')} "
            "on Wednesday for conspiring to import multi-ton loads of cocaine into the United States.",
            font="sans",
            size=11,
            after=8,
        ),
        P(
            f'{BENITEZ.name}, also known as "El Licenciado," 54, of Culiacán, Sinaloa, '
            f"{ph('custody_extradited', date='June 17, 2021')}. He pleaded guilty in November 2022 to conspiracy "
            "to import five kilograms or more of cocaine into the United States, in violation of "
            f"{cite_text(FL_IMPORT, 'usc')}.",
            font="sans",
            size=11,
            after=8,
        ),
        P(
            "According to court documents, between 2013 and 2018 Benítez-Corral used his rank in the state "
            "police to protect cocaine shipments moving through Sinaloa toward the United States border. He "
            "provided traffickers with police radios and the schedules of checkpoints, released detained "
            "couriers, and accepted monthly bribe payments of up to $50,000. The trafficking organization he "
            "protected was responsible for numerous [[v:murder|murders]] and [[v:kidnapping|kidnappings]] in "
            "the region, and used [[v:threats|threats]] to silence witnesses.",
            font="sans",
            size=11,
            after=8,
        ),
        P(
            '"Public officials who sell their badges to traffickers betray the people they swore to protect," '
            'said the United States Attorney. "This sentence shows that corruption on either side of the '
            'border will be answered in a U.S. courtroom."',
            font="sans",
            size=11,
            after=8,
        ),
        P(
            "The Drug Enforcement Administration's Miami Field Division investigated the case with assistance "
            "from the Justice Department's Office of International Affairs, which secured the extradition. "
            "Assistant U.S. Attorney Renata L. Coutinho prosecuted the case.",
            font="sans",
            size=11,
            after=8,
        ),
        P(
            "U.S. District Judge Kathleen M. Whitford imposed the sentence, which is to be followed by five "
            "years of supervised release. You may find a copy of this press release (and any updates) on the "
            "website of the United States Attorney's Office for the Southern District of Florida. Related court "
            "documents and information may be found on the website of the District Court for the Southern "
            "District of Florida under case number 19-20417-CR-WHITFORD.",
            font="sans",
            size=11,
            after=8,
        ),
        P("Topic(s): Drug Trafficking; Public Corruption", font="sans", size=9, after=0),
        P("Component(s): USAO - Florida, Southern", font="sans", size=9, after=0),
    ]
    style = Style(
        left=72,
        right=72,
        top=60,
        bottom=60,
        leading_factor=1.3,
        chrome=footer("https://www.justice.gov/usao-sdfl/pr/ (sample - fictional)", numbered=True),
    )
    truth = row(
        doc_type="press_release",
        court_id="flsd",
        court=COURTS["flsd"],
        case_number="19-cr-20417",
        defendants=[BENITEZ.name],
        aliases=BENITEZ.aliases,
        statutes_cited=statutes([FL_IMPORT]),
        drugs=[{"drug": "cocaine", "quantity": "five kilograms or more"}],
        custody="extradited",
        plea="plea",
        sentence_months=240,
        public_official=True,
        date_filed="2023-03-09",
        date_extradited="2021-06-17",
        date_sentenced="2023-03-08",
    )
    return Doc(
        "flsd_19cr20417_press_release.pdf",
        "pdf",
        truth,
        blocks,
        style,
        seed=seed,
        note="USAO press release: extradited former state police commander, 20 years",
    )


def judgment_scanned(seed: int) -> Doc:
    blocks = ao245b(
        district="Southern District of Florida",
        defendant=BENITEZ,
        case_number="19-20417-CR-WHITFORD(s)",
        usm="21857-104",
        attorney="Octavio P. Lanza, Esq.",
        counts=[FL_COUNT],
        offense_ended="12/31/2018",
        pleaded="1 of the Superseding Indictment",
        found_guilty=None,
        dismissed="2 and 3 of the Superseding Indictment",
        months="240 months",
        months_words="as to Count 1s",
        supervised="5 years",
        judge="KATHLEEN M. WHITFORD\nUNITED STATES DISTRICT JUDGE",
        imposed="March 8, 2023",
        recommendation="The defendant be designated to a facility in South Florida.",
        cite_style="usc",
    )
    style = Style(
        left=54, right=54, top=48, bottom=48, chrome=ecf_header("1:19-cr-20417-KMW", 112, "03/10/2023", flsd=True)
    )
    truth = row(
        doc_type="judgment",
        court_id="flsd",
        court=COURTS["flsd"],
        case_number="1:19-cr-20417",
        defendants=[BENITEZ.name],
        counts=[FL_COUNT.truth()],
        statutes_cited=statutes([FL_IMPORT]),
        benefits=["dismiss_counts"],
        plea="plea",
        sentence_months=240,
        date_filed="2023-03-10",
        date_sentenced="2023-03-08",
    )
    return Doc(
        "flsd_19cr20417_judgment_benitez.scanned.pdf",
        "scan",
        truth,
        blocks,
        style,
        seed=seed,
        note="Scanned AO 245B (image-only PDF, 200 dpi grey JPEG, skew, blur, speckle)",
    )


def build(seed: int) -> list[Doc]:
    return [information_png(seed), docket_html(seed), press_release(seed), judgment_scanned(seed)]
