# ruff: noqa: E501  (word tables)
"""Everyday English that never names a container or a stack unless the live state has it.

People wrap a request in words of their own: "someone told me to look at the logs", "I'd love to
watch mosquitto's log as new lines come in", "bounce it then pls send me the last 100 lines", "what
were the last 500 things ci-runner logged?". Left among the names, such a word made the parser ask
about a container called "someone told" or "new" instead of answering. ``COMMON`` is that everyday
vocabulary — pronouns and indefinites, common verbs in all their forms, adverbs and adjectives,
chat shorthand and a few nouns of conversation ("way", "thing", "stuff") — not a list of sentences.

Nouns that name things on a host ("web", "db", "blog", "shop", "proxy", "media", "backup", "server")
are deliberately absent: a name that matches nothing must still be asked about, never dropped.
And a word of the lexicon that is part of a live name ("watch", "new" in "whats-new") stays a name.
"""
from __future__ import annotations

import functools
from pathlib import Path

PRONOUNS = """
someone somebody anyone anybody anything something everyone everybody nobody nothing noone whoever whatever
whichever myself yourself itself themselves ourselves yourselves he she him her his hers they them their theirs
we us our ours you your yours ya y'all i me my mine one's someone's somebody's anyone's else
i'm i've i'd i'll you're you've you'd you'll he's she's it's we're we've we'd we'll they're they've they'd they'll
that's there's here's let's im ive youre were weve theyre
""".split()

# verbs by their base form; their -s, -ed and -ing forms are added below, irregular pasts here
VERBS = """
be have do say tell ask know think want need like love hate try see look watch show send give take bring put keep
let make get go come leave seem feel hear mean work behave act happen help call use find wait hope guess wonder
mind care believe suppose notice remember forget learn read write type paste copy click press hit load appear
spit throw complain misbehave struggle hang freeze stall choke flap flake die break crash fail lag sulk glitch
boot spin come wake sleep eat chew hog burn spam flood fill scream yell keep stay sit poke ping bug ask mention
suggest recommend advise tell explain report confirm deploy manage handle monitor track expect plan prepare
figure sort fix repair debug test verify double triple finish complete cover play open close sound speak talk
chat message text email post reply respond answer update
""".split()
IRREGULAR = """
am is are was were been being has had did done does doing said told knew known thought wanted saw seen looked
gave given took taken brought kept let made got gotten went gone came left felt heard meant found wrote written
read threw thrown spat broke broken froze frozen died crashed fell fallen ate eaten slept woke woken sat hung
spun began begun ran understood
""".split()

ADVERBS = """
very much more most less least too also even still already yet ever never always sometimes often usually again
soon later earlier today tonight tomorrow yesterday morning afternoon evening night nights weekend here there
where somewhere anywhere everywhere nowhere maybe probably possibly definitely surely certainly basically
literally honestly seriously totally completely fully properly correctly quickly slowly fast immediately
eventually finally apparently obviously clearly simply kinda sorta pretty quite rather somehow anyway anyhow
though although however otherwise instead meanwhile together alone around about almost nearly enough only
really actually just as like than then when while until till since once twice back
""".split()

ADJECTIVES = """
nightly daily weekly hourly monthly scheduled periodic
new old last previous next latest good bad great nice fine weird strange odd funny slow quick big small little tiny huge same different
sure possible impossible able unable current latest recent usual normal regular annoying broken wonky flaky
buggy weird sad happy glad busy free full empty whole entire own certain important urgent quick
""".split()

NOUNS = """
job task chore
way word words thing things stuff lot lots bit part piece moment time times sec second reason idea guy guys folks
people boss colleague coworker friend family kids wife husband team manager customer customers users user
question answer help favour favor problem problems issue issues trouble clue hint look eye glance peek try
chance while today minute minutes hour hours day days week weeks month months year years morning night boot
""".split()

PREPOSITIONS = """
inside within into onto through across above below under over between among during via per toward towards upon
beside near behind beyond throughout
""".split()

CHAT = """
lol lmao rofl smh fyi btw tbh imo imho idk iirc afaik rn atm asap pls plz thx ty tysm ngl omg wtf ugh hmm hm
umm uh erm yeah yep yup nope nah ok okay k kk cool thanks thank cheers please kindly dude bro mate sir
lmk hmu ofc irl tho cuz cos coz bc gonna wanna gotta lemme gimme kinda sorta ya yall dunno
ppl rly srsly sry soz np yw jk brb ttyl hbu wbu tmrw tmr probs defo obv obvs wth ffs fml bruh welp meh yikes oof ayy aight
ight yeh ye mb ik idc ig istg tmi ty4 gj gg wp nvm nm bff fwiw imma ima tryna finna lil kk okie okey oki alr ikr smol
""".split()


def _forms(verb: str) -> set[str]:
    """A regular verb's forms: "look" -> looks, looked, looking; "stop" -> stopped, stopping."""
    forms = {verb, verb + 's', verb + 'ed', verb + 'ing'}
    if verb.endswith('e'):
        forms |= {verb + 'd', verb[:-1] + 'ing'}
    if verb.endswith(('s', 'sh', 'ch', 'x', 'o')):
        forms.add(verb + 'es')
    if verb.endswith('y') and verb[-2:-1] not in 'aeiou':
        forms |= {verb[:-1] + 'ies', verb[:-1] + 'ied'}
    if len(verb) >= 3 and verb[-1] not in 'aeiouwxy' and verb[-2] in 'aeiou' and verb[-3] not in 'aeiou':
        forms |= {verb + verb[-1] + 'ed', verb + verb[-1] + 'ing'}
    return forms


COMMON: frozenset[str] = frozenset(
    {form for verb in VERBS for form in _forms(verb)} | set(IRREGULAR) | set(PRONOUNS) | set(ADVERBS)
    | set(ADJECTIVES) | set(NOUNS) | set(PREPOSITIONS) | set(CHAT))


# A dictionary (SCOWL's common-words list, words.txt) reaches where COMMON's hand-made list does not:
# "I suspect old images are to blame", "the stacks tab", "ditching lastpass". Its words are read as
# everyday English only when they are no name and no part of a name here, no misspelling of one
# ("mosquito" for mosquitto), no plural of one, and none of these: nouns that name things on a host, so
# that "restart the wiki" on a host without one is still asked about, never read as "restart".
DICTIONARY: frozenset[str] = frozenset(
    line for line in (Path(__file__).with_name('words.txt').read_text().split('\n')) if line and not line.startswith('#'))
HOST_NOUNS = frozenset("""
web www site website blog shop store db database sql cache queue broker proxy gateway router media backup backups
server mail mailer api app apps front frontend backend worker workers cron scheduler monitor monitoring metrics
dashboard wiki forum chat git registry vault storage files file cloud photo photos music video videos stream game games
printer dns vpn ldap auth search index analytics tracker runner builder bot notes docs calendar contacts password
passwords home assistant automation camera cameras torrent downloader indexer books library recipes budget finance
bookmarks links paste uptime portal admin console panel editor agent exporter collector relay bridge hub node recognition
client service services stack stacks container containers image images volume volumes network networks
ghost caddy consul nginx redis mongo postgres python alpine debian ubuntu busybox apache
host system table tables user users memory cpu disk ram swap space load traffic port ports log logs health status
prune
""".split())


def everyday(word: str, live_words: frozenset[str] | set[str], *, strict: bool = False) -> bool:
    """Whether ``word`` is everyday English that names nothing on this host: of COMMON, or (unless
    ``strict``) of the dictionary and neither a host noun nor a name, a part, a plural or a misspelling
    of one here."""
    if word in live_words:
        return False
    if word in COMMON:
        return True
    if strict or word not in DICTIONARY or word in HOST_NOUNS or word.removesuffix('s') in HOST_NOUNS \
            or word.removesuffix('s') in live_words \
            or word.removesuffix('es') in live_words:   # a plural of a name's word
        return False
    return not _near(word, frozenset(live_words))


@functools.lru_cache(maxsize=8192)
def _near(word: str, live_words: frozenset[str]) -> bool:
    """Whether a word is a misspelling or a shortening ("jelly" for jellyfin) of a live name's word (parsing asks
    this of the same words again and again)."""
    from .resolve import close_enough  # resolve imports this module
    return any(close_enough(word, known) or (len(word) >= 4 and known.startswith(word)) for known in live_words
               if len(known) > 3)

