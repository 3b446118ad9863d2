"""Name forms: titles, nicknames and the words that look like names but are not."""

from __future__ import annotations

from dataclasses import dataclass

KIN_TITLES = frozenset({"aunt", "uncle", "cousin", "grandmother", "grandfather", "granny"})
"""Titles a family gives ("Aunt Nora"), before a first name or in apposition to "Mrs. Vance"."""
PERSONAL_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mister", "madame", "mme", "mlle", "mademoiselle", "monsieur"})
"""Titles only a person bears: no place is "Miss Grey", however often one writes to her."""

TITLE_GENDER: dict[str, str | None] = {
    "mr": "m", "mister": "m", "sir": "m", "lord": "m", "master": "m", "monsieur": "m", "m.": "m",
    "uncle": "m", "father": "m", "brother": "m", "king": "m", "prince": "m", "duke": "m", "count": "m",
    "baron": "m", "colonel": "m", "general": "m", "major": "m", "captain": None, "lieutenant": None,
    "m": "m", "mrs": "f", "miss": "f", "ms": "f", "lady": "f", "madam": "f", "madame": "f", "mme": "f",
    "mlle": "f", "mademoiselle": "f", "aunt": "f", "mother": "f", "sister": "f", "queen": "f",
    "princess": "f", "duchess": "f", "countess": "f", "baroness": "f", "dame": "f", "mistress": "f",
    "marquis": "m", "marquess": "m", "marchioness": "f", "viscount": "m", "viscountess": "f", "earl": "m",
    "emperor": "m", "empress": "f", "archduke": "m", "archduchess": "f",
    "dr": None, "doctor": None, "professor": None, "prof": None, "rev": "m", "reverend": "m",
    "father-in-law": "m", "detective": None, "inspector": None, "officer": None, "agent": None,
    "parson": None, "vicar": None, "rector": None, "curate": None, "bishop": None, "pastor": None,
    "deacon": None, "squire": "m", "farmer": None, "sergeant": None, "corporal": None, "constable": None,
    "nurse": None, "judge": None,
}

NICKNAME_ENDINGS = ("z", "zy", "zie", "s", "sy", "sie")
"""Endings a short form adds to the first letters of a name (Jez, Jules, Jessie); others are in HYPOCORISMS."""

HYPOCORISMS: dict[str, tuple[str, ...]] = {
    "liz": ("elizabeth", "eliza"), "lizzy": ("elizabeth", "eliza"), "lizzie": ("elizabeth", "eliza"),
    "beth": ("elizabeth",), "betsy": ("elizabeth",), "bess": ("elizabeth",), "eliza": ("elizabeth",),
    "bob": ("robert",), "bobby": ("robert",), "rob": ("robert",), "bill": ("william",), "billy": ("william",),
    "will": ("william",), "willy": ("william",), "dick": ("richard",), "rick": ("richard",),
    "peggy": ("margaret",), "meg": ("margaret",), "maggie": ("margaret",), "polly": ("mary",),
    "molly": ("mary",), "jack": ("john",), "johnny": ("john",), "ned": ("edward", "edmund"),
    "ted": ("edward", "theodore"), "teddy": ("edward", "theodore"), "harry": ("henry", "harold"),
    "hal": ("henry",), "kate": ("katherine", "catherine"), "kitty": ("katherine", "catherine"),
    "cathy": ("catherine",), "sally": ("sarah",), "sadie": ("sarah",), "nell": ("eleanor", "helen"),
    "nelly": ("eleanor", "helen"), "fanny": ("frances",), "tom": ("thomas",), "tommy": ("thomas",),
    "jim": ("james",), "jimmy": ("james",), "jamie": ("james",), "mike": ("michael",),
    "tony": ("anthony",), "sam": ("samuel", "samantha"), "alex": ("alexander", "alexandra"),
    "dan": ("daniel",), "danny": ("daniel",), "chris": ("christopher", "christine"),
    "nick": ("nicholas",), "steve": ("steven", "stephen"), "andy": ("andrew",), "drew": ("andrew",),
    "joe": ("joseph",), "jo": ("josephine", "joanna"), "matt": ("matthew",), "pat": ("patrick", "patricia"),
    "becky": ("rebecca",), "abby": ("abigail",), "jenny": ("jennifer", "jane"), "ben": ("benjamin",),
    "jem": ("james", "jemima"), "sissy": ("cecilia", "cecily"), "cissy": ("cecilia", "cecily"),
    "loo": ("louisa", "louise"), "lou": ("louisa", "louise", "louis"), "lulu": ("louisa", "louise"),
    "charlie": ("charles", "charlotte"), "chuck": ("charles",), "lottie": ("charlotte",), "hank": ("henry",),
    "fred": ("frederick", "alfred"), "freddy": ("frederick", "alfred"), "freddie": ("frederick", "alfred"),
    "gus": ("augustus", "angus"), "gussie": ("augusta", "augustus"), "bella": ("isabella", "isabel"),
    "izzy": ("isabella", "isabel"), "ellie": ("eleanor", "ellen", "elinor"), "annie": ("anne", "ann", "anna"),
    "nan": ("anne", "ann", "anna"), "nancy": ("anne", "ann", "anna"), "dolly": ("dorothy",), "dot": ("dorothy",),
    "geoff": ("geoffrey",), "jeff": ("jeffrey", "geoffrey"), "greg": ("gregory",), "ken": ("kenneth",),
    "larry": ("lawrence", "laurence"), "len": ("leonard",), "lenny": ("leonard",), "nate": ("nathan", "nathaniel"),
    "ollie": ("oliver", "olivia"), "pete": ("peter",), "phil": ("philip", "phillip"), "ron": ("ronald",),
    "ronnie": ("ronald",), "sue": ("susan", "susanna"), "susie": ("susan", "susanna"), "theo": ("theodore",),
    "tim": ("timothy",), "timmy": ("timothy",), "vicky": ("victoria",), "walt": ("walter",), "wally": ("walter",),
    "zach": ("zachary",), "zack": ("zachary",), "bertie": ("albert", "bertram", "herbert"), "hattie": ("harriet",),
    "tilly": ("matilda",), "millie": ("millicent", "mildred", "emily"), "archie": ("archibald",),
    "tess": ("theresa", "teresa"), "tessa": ("theresa", "teresa"), "winnie": ("winifred",), "kit": ("christopher",),
    "carrie": ("caroline", "carolyn"), "sophy": ("sophia",), "bessie": ("elizabeth",), "betsey": ("elizabeth",),
    "patty": ("martha", "patricia"), "georgie": ("georgiana", "georgina", "george"), "sukey": ("susan", "susanna"),
}

NOT_NAMES = frozenset(
    """god lord jesus christ heaven hell oh ah ay ha hey hi hello goodbye goodnight bye yes yeah yep
    nope no ok okay o.k. well um uh hmm huh wow gosh dear darling sweetheart honey baby ma'am sir
    sunshine sweetie sweetpea babe kiddo pumpkin cupcake buttercup hon dollface sugarplum
    madam miss mister mum mom mommy mama mamma papa dad daddy pa grandma grandpa granny nanny
    english french german italian
    american british irish scotch scottish chapter book part volume the a an i my thank thanks
    please pray alas aye nay ay indeed sure hallo hullo halloa hm h'm bravo sleep sexy amen bravo adieu monsieur madame mademoiselle ya yo hush look see
    come go stop wait listen why what where when who how this that these those here there now then
    mrs mr ms dr st saint street square road lane
    messrs messrs. mesdames
    hark alack egad pshaw zounds bother heavens hurrah hurray huzzah behold aha phew oho ugh bah humph fie
    gracious goodness blimey crikey jeez geez damn dammit fuck shit crap omg
    bonjour bonsoir mais oui non merci voila voilà hein ja nein
    lest though although unless whereas whilst while until because since whether if once
    morning evening afternoon night mornin evenin cheers congratulations congrats sorry welcome
    london paris rome england france america""".split()
)
"""Capitalised words that are not the name of a person in the story."""

CALENDAR = frozenset(
    """christmas easter sunday monday tuesday wednesday thursday friday saturday january february march
    july september october november december""".split()
)
"""Not a name alone, but can open one (the April Fool)."""

LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near", "into", "towards", "toward", "through", "of"})

NAME_PARTICLES = frozenset({"van", "der", "de", "du", "von", "la", "le", "di", "da", "del", "den", "ten", "ter"})
"""Small words inside a surname (van der Berg, de Valmont)."""

UNMARRIED_TITLES = frozenset({"miss", "mlle", "mademoiselle"})
"""Titles that set a woman apart from a Mrs. or Lady of the same surname."""


@dataclass(frozen=True)
class NameForm:
    """A name as written, split into its title and its name words."""

    text: str
    title: str | None
    words: tuple[str, ...]

    @property
    def gender(self) -> str | None:
        if self.title:
            return TITLE_GENDER.get(self.title)
        alone = title_key(self.words[0]) if len(self.words) == 1 else None
        return TITLE_GENDER.get(alone) if alone else None  # "the King"

    @property
    def marital(self) -> str | None:
        if self.gender != "f":
            return None
        return "unmarried" if self.title in UNMARRIED_TITLES else "married" if self.title else None

    @property
    def first(self) -> str:
        return self.words[0]

    @property
    def last(self) -> str:
        return self.words[-1]

    @property
    def surname(self) -> str:
        """The last name without its particles: ``Valmont`` of ``de Valmont``."""
        return self.words[-1].split(" ")[-1]


def title_key(word: str) -> str | None:
    """The title a word stands for (``"Mrs."`` gives ``"mrs"``), or None."""
    key = word.lower().rstrip(".")
    return key if key in TITLE_GENDER else None


def split_name(text: str) -> NameForm | None:
    """Split ``"Mr. Piers Grey"`` into title and words; None if no name word is left."""
    words = [w for w in text.replace("\n", " ").split(" ") if w]
    title = None
    while words and title_key(words[0]) and len(words) > 1:
        title = title or title_key(words[0])
        words = words[1:]
    words = [w for w in words if not (len(w) <= 2 and w.endswith("."))]  # middle initials
    if not words:
        return None
    while len(words) > 1 and (words[-2].islower() or words[-2].lower() in NAME_PARTICLES):
        words[-2:] = [f"{words[-2].lower()} {words[-1]}"]  # "van der Berg", "De Valmont": one surname
    return NameForm(text=text, title=title, words=tuple(words))


def is_nickname(short: str, full: str) -> bool:
    """Whether ``short`` can be a familiar form of the first name ``full`` (Wilf/Wilfred, Jez/Jezebel)."""
    short, full = short.lower(), full.lower()
    if full in HYPOCORISMS.get(short, ()):
        return True  # (also the listed short ones: Jo for Josephine)
    if short == full or len(short) < 3 or len(short) >= len(full) + 2:
        return False
    if full.startswith(short) and 2 <= len(full) - len(short) <= 4:
        return True
    for ending in NICKNAME_ENDINGS:
        stem = short[: -len(ending)] if short.endswith(ending) else None
        if stem and len(stem) >= 3 and full.startswith(stem) and not full.startswith(short):
            return True
    return False
