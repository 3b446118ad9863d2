"""Verbs that tag speech and thought, in the forms narration uses (no lemmatiser needed)."""

from __future__ import annotations

_SPEECH_BASES = """
say ask reply answer cry shout scream yell whisper murmur mutter exclaim add continue begin
respond return remark observe declare insist explain protest repeat retort snap growl hiss
sigh laugh giggle chuckle smile grin sob plead beg call bellow roar squeak squeal stammer stutter
announce inquire enquire demand suggest admit agree argue warn urge interrupt interject state
tell babble spit whimper moan groan gasp breathe purr chime mumble mutter muse wonder query
concede confess counter correct drawl gush huff implore joke lie marvel mock nod object offer
pant persist pipe pout promise prompt quip rasp recall recite reason rejoin reassure scoff scold
shriek shrug sneer snort speak splutter sputter stress sing sniff snarl soothe tease think thunder
trail urge utter venture vow wail whine yawn coo wheeze cough croak bark boom caution chide command
comment complain conclude confirm cut direct echo encourage entreat gasp greet grumble hazard
hint howl inform instruct lament mention nag note order point pray proclaim pronounce propose
query rage rant read remind report resume reveal roar scream sing sneer sob stammer suppose
swear taunt thank threaten whistle write pursue proceed interpose remonstrate assent falter expostulate
ejaculate accost opine acquiesce apologize apologise affirm assert titter simper hesitate explode
end finish volunteer croon blurt chirp bawl coax wheedle jeer
"""
_IRREGULAR = """
said says saying told tells telling spoke speaks spoken speaking began begins begun beginning
thought thinks thinking wrote writes written writing read reads reading swore sworn rang
sang sung cried cries crying replied replies replying spat spits spitting snapped snapping
admitted admitting quoth
"""


def _forms(base: str) -> set[str]:
    forms = {base}
    if base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif base.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if len(base) <= 4 and base[-1] not in "aeiouwy" and base[-2] in "aeiou" and base[-3] not in "aeiou":
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


SPEECH_VERBS = frozenset(set().union(*(_forms(b) for b in _SPEECH_BASES.split())) | set(_IRREGULAR.split()))
THOUGHT_VERBS = frozenset({"thought", "thinks", "think", "thinking", "wondered", "wonders", "mused", "muses",
                           "pondered", "reflected", "realized", "realised", "chastised", "scolded"})
_MIND_BASES = "remember recall recollect think know wonder suppose fancy imagine believe forget reflect"
MIND_VERBS = frozenset(
    set().union(*(_forms(b) for b in _MIND_BASES.split())) | {"thought", "knew", "forgot", "forgotten"}
)
"""Verbs of memory and thought: one named in what they govern is in mind, not on the page. (With feel,
hope, wish, fear, dream, guess and doubt as well: PDNC dev 4 lines fewer.)"""
ONSET_VERBS = frozenset(
    {"began", "begin", "begins", "begun", "beginning"}
    | set().union(*(_forms(b) for b in ("continue", "proceed", "resume", "start")))
)
"""Verbs that tag speech ("Ann began") but can instead lead into another act: ``began to make for the door``,
``proceeded to open``."""
TOLD_ACTS = frozenset(set().union(*(_forms(b) for b in (
    "assent", "agree", "thank", "apologize", "apologise", "acquiesce", "consent", "refuse", "decline", "promise",
    "concur", "comply", "bow", "express", "accept", "disclaim", "deny", "confess"))))
"""Verbs that tell a whole answer in the narration (``He expressed his regret``, ``Ann assented``): the one
who did it has answered, and the line after is the other's. Not ``nodded``: the one who nods often goes on
("Ann nodded. 'Yes, I have two.'"); with it, PDNC dev lost 11 lines for 9 gained."""
PHRASAL_SPEECH = frozenset({
    (verb, particle)
    for verbs, particle in (
        ("go goes went going", "on"),
        ("put puts putting", "in"),
        ("break breaks broke breaking", "in"),
        ("break breaks broke breaking burst bursts bursting", "out"),
        ("strike strikes struck striking", "in"),
        ("jerk jerks jerked jerking rap raps rapped rapping", "out"),
    )
    for verb in verbs.split()
})
"""Verb and particle pairs that tag speech though the verb alone does not: ``went on``, ``put in``, ``broke out``."""


def phrasal_particle(verb) -> object | None:
    """The particle token that makes this verb a speech verb (``put in`` Anna, Anna ``went on``), if any."""
    following = (t for t in verb.doc[verb.i + 1 : verb.i + 3] if not t.is_space)  # "went\non"
    particle = next(following, None)
    return particle if particle is not None and (verb.lower_, particle.lower_) in PHRASAL_SPEECH else None


GOING_ON = frozenset({"added", "adds", "continued", "continues", "resumed", "resumes", "repeated", "repeats",
                      "pursued", "pursues"})
"""Tag verbs that say the speaker goes on speaking (with ``went on``)."""


def tells_going_on(verb) -> bool:
    """Whether the verb says its subject goes on speaking: ``she added``, ``he went on``."""
    particle = phrasal_particle(verb)
    return verb.lower_ in GOING_ON or particle is not None and particle.lower_ == "on" and verb.lower_ in (
        "went", "goes")


def inverted_subject(token) -> bool:
    """A tag's subject the parser hangs off the speech verb before it as an object: ``"Rouge!" cried
    the dealer``, ``pleaded poor Ann``."""
    verb = token.head
    return (token.dep_ in ("dobj", "oprd", "attr", "npadvmod", "appos") and verb.lower_ in SPEECH_VERBS
            and 0 < token.i - verb.i <= 3 and verb.i > 0 and (verb.nbor(-1).is_quote or verb.nbor(-1).text == ","))


def is_be(token) -> bool:
    """Whether a token is a form of "be", also where the story lost its apostrophes: "Hugo s our courier",
    "I m Ann" (the parser reads the bare "s" or "m" as the verb but gives it no lemma)."""
    return token.lemma_ == "be" or token.lower_ in ("s", "m", "re") and token.tag_ in ("VBZ", "VBP")
