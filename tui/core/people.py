"""Hand-written facts the rules backend uses to find people: titles and roles that precede a
name, verbs that follow one, common given names, and the full names of a few very famous
people who are often named by surname alone ("the Obama administration").

Plain data, parsed once on first use by `tui.core.entities`; importing this module is cheap.
"""

from __future__ import annotations

from functools import cache


def _words(s: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set."""
    return frozenset(s.split())


__all__ = [
    "CORPORATE_TITLES",
    "ROLE_NOUNS",
    "SPEECH_AFTER",
    "SPEECH_BEFORE",
    "TITLES",
    "famous_people",
    "given_names",
]

# Capitalised titles written before a name. Multi-word titles are matched longest first.
TITLES: tuple[str, ...] = tuple(
    line.strip()
    for line in """
President
Vice President
President-elect
Vice President-elect
Prime Minister
Deputy Prime Minister
Premier
Chancellor
Foreign Minister
Finance Minister
Defence Minister
Defense Minister
Trade Minister
Interior Minister
Economy Minister
Energy Minister
Health Minister
Justice Minister
Education Minister
Home Minister
Chief Minister
Minister
Deputy Minister
Secretary of State
Secretary of Defense
Secretary of the Treasury
Secretary-General
Secretary General
Secretary
Treasury Secretary
Commerce Secretary
Defense Secretary
Defence Secretary
Home Secretary
Foreign Secretary
Health Secretary
Press Secretary
Attorney General
Attorney-General
Solicitor General
Senator
Sen
Rep
Representative
Congressman
Congresswoman
Assemblyman
Assemblywoman
Councilman
Councilwoman
Councillor
Councilmember
Council Member
Governor
Gov
Lt Gov
Lieutenant Governor
Mayor
Deputy Mayor
Speaker
House Speaker
Majority Leader
Minority Leader
Senate Majority Leader
Mr
Mrs
Ms
Miss
Mx
Dr
Prof
Professor
Sir
Dame
Lord
Lady
King
Queen
Prince
Princess
Crown Prince
Emperor
Empress
Sultan
Emir
Sheikh
Pope
Cardinal
Archbishop
Bishop
Rabbi
Imam
Ayatollah
Reverend
Rev
Father
Sister
General
Gen
Lieutenant General
Major General
Brigadier General
Lt
Lieutenant
Colonel
Col
Captain
Capt
Major
Admiral
Vice Admiral
Commander
Sergeant
Sgt
Corporal
Private
Judge
Justice
Chief Justice
Magistrate
Ambassador
Envoy
Special Envoy
Commissioner
Police Commissioner
Chief Constable
Superintendent
Detective
Inspector
Officer
Trooper
Deputy
Sheriff
Chairman
Chairwoman
Chair
Chairperson
Vice Chairman
Chief Executive
County Executive
Chief Executive Officer
Chief Financial Officer
Chief Operating Officer
Chief Technology Officer
CEO
CFO
COO
CTO
Founder
Co-founder
Cofounder
Director
Executive Director
Managing Director
Spokesman
Spokeswoman
Spokesperson
Coach
Head Coach
Manager
Striker
Midfielder
Defender
Goalkeeper
Quarterback
Pitcher
Skipper
Chief
President and CEO
Former President
Leader
Opposition Leader
""".strip().splitlines()
)

# Titles after which the words *before* the title name a company ("Apple CEO Tim Cook").
CORPORATE_TITLES: frozenset[str] = frozenset(
    {
        "ceo",
        "cfo",
        "coo",
        "cto",
        "chief executive",
        "chief executive officer",
        "chief financial officer",
        "chief operating officer",
        "chief technology officer",
        "founder",
        "co-founder",
        "cofounder",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "managing director",
        "executive director",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "coach",
        "head coach",
        "manager",
        "president and ceo",
    }
)

# Lower-case words that, right before a capitalised name, say it is a person.
ROLE_NOUNS: frozenset[str] = _words(
    """
spokesman spokeswoman spokesperson minister president secretary chairman chairwoman director
chief executive founder analyst economist strategist professor researcher scientist lawyer
attorney judge coach manager striker forward midfielder defender goalkeeper winger captain
player actor actress singer rapper musician author writer novelist poet journalist reporter
columnist editor senator governor mayor candidate leader officer sergeant detective inspector
superintendent commissioner ambassador envoy diplomat general colonel king queen prince
princess pope cardinal archbishop bishop rabbi imam pastor priest doctor nurse teacher student
resident owner son daughter wife husband brother sister mother father grandson granddaughter
boyfriend girlfriend partner victim suspect witness teammate rival opponent champion veteran
star legend boss chef designer artist photographer architect engineer developer programmer
entrepreneur investor billionaire businessman businesswoman politician lawmaker congressman
congresswoman councillor councilman councilwoman trustee principal dean chancellor
quarterback pitcher skipper jockey driver rider cyclist boxer fighter batter bowler
comedian presenter host anchor filmmaker director producer spokesperson deputy
negotiator representative adviser advisor aide premier
"""
)

# Words right after a name that say a person spoke ("Russel noted").
SPEECH_AFTER: frozenset[str] = _words(
    """
said says told noted added stated wrote explained argued warned insisted asked replied
recalled admitted claimed announced tweeted posted urged confirmed denied acknowledged
suggested predicted concluded remarked declared responded testified conceded cautioned
emphasised emphasized stressed observed commented believes thinks thought wants wanted
smiled laughed shrugged sighed scored resigned pleaded vowed
"""
)

# Words right before a name that say a person spoke ("said Danny Russel").
SPEECH_BEFORE: frozenset[str] = frozenset({"said", "says", "added", "wrote", "asked", "noted"})


@cache
def given_names() -> frozenset[str]:
    """Common given names across languages, to tell "Danny Russel" from "World Cup"."""
    return frozenset(_GIVEN.split())


@cache
def famous_people() -> dict[str, str]:
    """Surname (or other short form) -> full name, for people named by one word in news."""
    out: dict[str, str] = {}
    for line in _FAMOUS.strip().splitlines():
        full, _, shorts = line.partition("|")
        for short in shorts.split(","):
            if short.strip():
                out[short.strip()] = full.strip()
    return out


_FAMOUS = """
Donald Trump|Trump,Donald J. Trump
Barack Obama|Obama
Joe Biden|Biden
Kamala Harris|Kamala
Vladimir Putin|Putin
Xi Jinping|Xi
Volodymyr Zelensky|Zelensky,Zelenskyy,Zelenskiy
Emmanuel Macron|Macron
Angela Merkel|Merkel
Olaf Scholz|Scholz
Friedrich Merz|Merz
Narendra Modi|Modi
Benjamin Netanyahu|Netanyahu
Recep Tayyip Erdogan|Erdogan,Erdoğan
Keir Starmer|Starmer
Rishi Sunak|Sunak
Elon Musk|Musk
Jeff Bezos|Bezos
Mark Zuckerberg|Zuckerberg
Anthony Albanese|Albanese
Giorgia Meloni|Meloni
Javier Milei|Milei
Luiz Inacio Lula da Silva|Lula
Sergey Lavrov|Lavrov
Marco Rubio|Rubio
JD Vance|Vance
Antony Blinken|Blinken
Antonio Guterres|Guterres
Anwar Ibrahim|Anwar
Prabowo Subianto|Prabowo
Joko Widodo|Jokowi,Widodo
Ali Khamenei|Khamenei
Viktor Orban|Orban,Orbán
Christine Lagarde|Lagarde
Janet Yellen|Yellen
Scott Bessent|Bessent
Howard Lutnick|Lutnick
Kim Jong Un|Kim Jong-un
Ursula von der Leyen|von der Leyen
Justin Trudeau|Trudeau
Mark Carney|Carney
Claudia Sheinbaum|Sheinbaum
Shigeru Ishiba|Ishiba
Fumio Kishida|Kishida
Lee Jae-myung|Lee Jae-myung
To Lam|To Lam
Liu He|Liu He
He Lifeng|He Lifeng
Li Qiang|Li Qiang
Wang Yi|Wang Yi
Wang Wentao|Wang Wentao
Pope Francis|Pope Francis
Pope Leo XIV|Leo XIV
Bashar al-Assad|Assad,al-Assad
Mohammed bin Salman|MBS
Hakeem Jeffries|Jeffries
Chuck Schumer|Schumer
Mitch McConnell|McConnell
Nancy Pelosi|Pelosi
Mike Johnson|Mike Johnson
Tim Cook|Tim Cook
Sundar Pichai|Pichai
Satya Nadella|Nadella
Sam Altman|Altman
Jensen Huang|Jensen Huang
Bill Gates|Bill Gates
Warren Buffett|Buffett
Taylor Swift|Taylor Swift
"""

_GIVEN = """
Aaron Abdul Abdullah Abigail Adam Adrian Ahmad Ahmed Aisha Alan Albert Alberto Alejandro Alex
Alexander Alexandra Alexei Alexey Ali Alice Alicia Alison Allison Amanda Amber Amelia Amir Amy
Ana Andrea Andreas Andrei Andrew Andrés Andy Angela Angelina Anita Ann Anna Anne Annie Anthony
Antonio Anwar April Ari Ariel Arjun Arthur Ashley Audrey Austin Ava Barbara Barry Ben Benjamin
Bernard Beth Betty Bill Billy Bob Bobby Boris Brad Bradley Brandon Brenda Brian Bruce Bruno
Bryan Caitlin Calvin Cameron Camila Carl Carla Carlos Carmen Carol Caroline Carolyn Catherine
Cathy Charles Charlie Charlotte Chen Cheryl Chloe Chris Christian Christina Christine
Christopher Chuck Claire Clara Claudia Colin Connor Craig Cynthia Daisy Dale Dan Dana Daniel
Daniela Danielle Danny Darren Dave David Dean Deborah Debra Denis Dennis Derek Diana Diane Diego
Dmitry Dmitri Dominic Don Donald Donna Doris Dorothy Doug Douglas Duncan Dylan Ed Eddie Edward
Elena Eli Elijah Elizabeth Ella Ellen Emily Emma Emmanuel Eric Erica Erik Erin Ethan Eugene
Eva Evan Evelyn Fatima Felix Fernando Fiona Florence Frances Francesca Francis Francisco Frank
Fred Frederick Gabriel Gabriela Gail Gary Gavin Gene George Georgia Gerald Gina Giorgia
Giovanni Giuseppe Glenn Gloria Gopal Grace Graham Grant Greg Gregory Hamid Hannah Hans Harold
Harriet Harry Hassan Heather Heidi Helen Henry Hiroshi Holly Howard Hugh Hugo Hussein Ian
Ibrahim Igor Imran Irene Isaac Isabel Isabella Ivan Jack Jackie Jacob Jacqueline Jake James
Jamie Jan Jane Janet Janice Jared Jason Javier Jay Jean Jeff Jeffrey Jen Jennifer Jenny Jeremy
Jerome Jerry Jesse Jessica Jesus Jill Jim Jimmy Joan Joanna Joanne Joe Joel John Johnny
Jon Jonathan Jordan Jorge Jose José Joseph Josh Joshua Joy Juan Judith Judy Julia Julian
Julie Juliet Justin Kamala Karen Karim Karl Kate Katherine Kathleen Kathryn Kathy Katie Kay
Keith Kelly Ken Kenji Kenneth Kerry Kevin Khalid Kim Kimberly Kirk Kristen Kumar Kyle Larry
Laura Lauren Lawrence Lee Leo Leon Leonard Leslie Liam Lily Linda Lisa Liz Logan Lois Lori
Louis Louise Lucas Lucy Luis Luke Lynn Madison Maggie Mahmoud Malcolm Manuel Marc Marco
Marcus Margaret Maria Marie Marilyn Mario Marion Mark Martha Martin Mary Mason Matt Matthew
Maureen Max Maya Megan Meghan Melania Melissa Michael Michelle Miguel Mike Mikhail Miles
Mohamed Mohammad Mohammed Monica Muhammad Nancy Naomi Natalie Natasha Nathan Neil Nicholas
Nick Nicola Nicolas Nicole Nigel Nikolai Nina Noah Noel Nora Norman Oleg Oliver Olivia Omar
Oscar Owen Pablo Pamela Paola Paris Pat Patricia Patrick Paul Paula Pedro Peggy Penny Peter Phil
Philip Phillip Pierre Priya Rachel Rahul Raj Ralph Ramon Randy Raul Ray Raymond Rebecca Reza
Ricardo Richard Rick Rishi Rita Rob Robert Roberto Robin Roger Ron Ronald Rosa Rose Ross Roy
Ruby Russell Ruth Ryan Sally Sam Samantha Samuel Sandra Sanjay Sara Sarah Satya Scott Sean
Sebastian Sergei Sergey Serena Seth Shane Shannon Sharon Shawn Sheila Shirley Simon Sofia
Sophia Sophie Stacy Stanley Stefan Stephanie Stephen Steve Steven Stuart Sue Susan Suzanne
Sydney Sylvia Tamara Tanya Tara Taylor Ted Teresa Terry Theresa Thomas Tiffany Tim Timothy
Tina Todd Tom Tommy Tony Tracy Travis Trevor Troy Tyler Valerie Vanessa Veronica Victor
Victoria Viktor Vincent Virginia Vivek Vladimir Walter Wang Wayne Wendy Wei William Willie
Xavier Yasmin Yuki Yuri Yusuf Zach Zachary Zoe Zhang Li Liu Ahmed Ayesha Deepak Amit Anil
Sunil Vijay Ravi Suresh Ramesh Lakshmi Pooja Neha Akira Takeshi Haruki Yuko Min Jin Hyun
Seung Ji Olga Svetlana Tatiana Irina Anastasia Yulia Ksenia Pavel Alexei Nikita Andriy Oleksandr
Volodymyr Yevhen Mykola Lars Sven Anders Nils Ingrid Astrid Henrik Jens Klaus Jürgen Wolfgang
Helmut Dieter Günter Ursula Angelika Friedrich Matthias Hannes Lukas Jonas Finn Emil Luca
Matteo Alessandro Francesco Lorenzo Giulia Chiara Federica Sergio Rafael Raquel Lucia Elena
Javier Pilar Joaquim Jean-Pierre Jean-Claude Marie-Claire François Françoise Olivier Thierry
Nicolas Mathieu Amélie Chloé Kwame Kofi Ama Chinedu Ngozi Oluwaseun Tunde Femi Thabo Nelson
Desmond Jacinda Scott Mitch Chuck Hakeem Alexandria Bernie Marjorie Lindsey Ted Rand Ron
Gavin Gretchen Kathy Jared Ivanka Hunter Beau Hillary Chelsea Jill Karoline Pete Kristi Tulsi
Kash Pam Marco Rubio Sebastián Keir Rachel Yvette Wes Angela Priti Kemi Nadhim Liz Boris
Theresa Ed Jeremy Andy Nicola Humza Anas Khaled Tariq Yousef Mustafa Omar Nasser Rania Layla
Leila Noor Nadia Samir Salim Walid Ziad Hamza Bilal Faisal Saad Sultan Zayed Mahathir Najib
Prabowo Joko Megawati Rodrigo Ferdinand Bongbong Sara Hun Prayut Srettha Paetongtarn Thaksin
Lawrence Lee Xi Hu Jiang Deng Zhou Mao Shinzo Fumio Yoshihide Shigeru Sanae Moon Yoon Lee
Narendra Amit Rahul Sonia Mamata Arvind Yogi Nitish Shehbaz Nawaz Imran Asif Bilawal Sheikh
Hasina Muhammad Khaleda Recep Ekrem Benjamin Yair Naftali Isaac Mahmoud Yahya Ismail Ebrahim
Masoud Hassan Abbas Bashar Vladimir Dmitry Sergei Alexei Yevgeny Ramzan Volodymyr Petro
Viktor Andrzej Donald Mateusz Robert Giorgia Emmanuel Marine Jordan Olaf Annalena Pedro
Alberto Santiago Luiz Jair Javier Cristina Gustavo Nicolás Claudia Andrés Justin Pierre
Mark Anthony Chris Malcolm Julia Jacinda Christopher Winston Margaret Tony Gordon David
Elon Jeff Tim Sundar Satya Jensen Sam Dario Demis Mustafa Reed Marc Larry Sergey Warren
Lionel Cristiano Kylian Erling Harry Mohamed Virgil Jude Bukayo Phil Declan Chloe Leah
Lauren Alessia Mary Serena Novak Rafael Roger Carlos Jannik Iga Aryna Coco Lewis Max Charles
Lando Oscar Taylor Beyoncé Adele Rihanna Kanye Drake Meghan Kate Camilla Charles William
Maxim Maksim Anton Andrey Arkady Elvira Valentina Alexandre Antoine Jacques Gilles Luc
Paulo Marcelo Fabio Luciano Geraldo João
"""
