"""Hand-written sample values per locale for the generator (no fake-data library).

Small on purpose: the engine has no name list, so recall on names comes from cues, casing and
spelling, whichever names appear here.
"""

from __future__ import annotations

NAMES: dict[str, tuple[list[str], list[str]]] = {
    "en_US": (["James", "Linda", "Tyler", "Brittany", "Dwayne", "Kimberly", "Chase", "Megan"],
              ["Walker", "Henderson", "Brooks", "Fitzgerald", "Sullivan", "Washington", "Price"]),
    "en_GB": (["Oliver", "Harriet", "Callum", "Imogen", "Rhys", "Siobhan"],
              ["Pemberton", "Ashworth", "Llewellyn", "Thistlewood", "Marsh", "O'Connell"]),
    "es_MX": (["José", "Guadalupe", "Alejandro", "Ximena", "Jesús", "María Fernanda"],
              ["García López", "Hernández", "de la Cruz", "Ramírez", "Villanueva", "Ochoa"]),
    "vi_VN": (["Nguyễn Văn", "Trần Thị", "Phạm", "Lê"], ["An", "Bích", "Minh", "Thảo"]),
    "zh_CN": (["Wei", "Xiaoming", "Li Na", "Jun"], ["Zhang", "Wang", "Liu", "Chen"]),
    "hi_IN": (["Priya", "Rahul", "Ananya", "Venkatesh", "Lakshmi"],
              ["Sharma", "Iyer", "Venkataraman", "Chatterjee", "Reddy"]),
    "yo_NG": (["Oluwaseun", "Chiamaka", "Adebayo", "Ngozi"], ["Adeyemi", "Okonkwo", "Balogun", "Eze"]),
    "ar_EG": (["Ahmed", "Fatima", "Youssef", "Mariam"], ["El-Sayed", "Abdelrahman", "bin Khalid", "Haddad"]),
    "de_DE": (["Jürgen", "Anke", "Matthias", "Sabine"], ["Müller", "Schröder", "von Bergen", "Weiß"]),
    "pl_PL": (["Katarzyna", "Wojciech", "Małgorzata"], ["Wiśniewski", "Kowalczyk", "Zieliński"]),
}  # fmt: skip
STREETS = ["Maple", "Oak Ridge", "Martin Luther King Jr.", "Elm", "Cedar Hollow", "Main", "Lincoln",
           "Washington", "Sunset", "Chestnut", "Willow Creek", "Peachtree", "Magnolia", "Riverside"]  # fmt: skip
SUFFIXES = ["Street", "St", "Avenue", "Ave", "Road", "Drive", "Lane", "Court", "Boulevard", "Way", "Place"]
CITIES = [("Springfield", "Illinois"), ("Austin", "TX"), ("Portland", "Oregon"), ("Columbus", "OH"),
          ("Fresno", "California"), ("Tampa", "FL"), ("Boise", "Idaho")]  # fmt: skip
# a city and its state as speech-to-text writes them, lowercase and shortened
CITIES_SAID = [("lowell", "mass"), ("erie", "penn"), ("fresno", "calif"), ("spokane", "wash"), ("austin", "tx"),
               ("tampa", "fl"), ("peoria", "ill")]  # fmt: skip
ROUTES = ["county road", "highway", "FM", "state route", "route", "state road", "Hwy"]
PO_BOXES = ["P.O. Box", "PO box", "P.O. box", "PO Box"]
MAIL_HOSTS = [("gmail", "com"), ("yahoo", "com"), ("outlook", "com"), ("icloud", "com"),
              ("comcast", "net"), ("proton", "me"), ("mercyhealth", "org"), ("uni-bonn", "de")]  # fmt: skip
