"""Is a bracketed phrase Russian in Latin letters, or English?

Translators of Soviet records put the Russian wording in brackets after their
English rendering ("between the lines [cherez zapiatiu]"). Editors put English
words in brackets to complete the sense ("[with each other]"). No dictionary is
needed to tell them apart: Library of Congress and similar romanisations leave
marks that English words almost never have.
"""

from __future__ import annotations

import re

# Frequent short Russian words, as romanised by the Library of Congress system
# and its simplified forms.
_RUSSIAN_WORDS = frozenset(
    """eto etot eta eti ne net da na po za iz ot chto kak tak vot uzhe eshche tol'ko tolko ochen' ochen
    nado mozhno nel'zia nelzia cherez dlia dlya pri bez mezhdu posle vmeste vsego vse vsë
    srok delo slovo vopros mir sebia sebya nashi nash vash my vy oni ona ono on
    samom samoe dele tom tot tovarishch gospodin kstati konechno seichas teper' teper imenno poetomu potomu
    kotoryi kotoraia kotoroe pravda glasnost' glasnost perestroika uskorenie""".split()
)
# Endings and clusters of romanised Russian that English words (almost) never show.
_RUSSIAN_SHAPES = re.compile(
    r"""(?ix)
    ( (iu|yi|ii|yy|ykh|ikh|iia|aia|iaia|oi|ogo|ego|omu|emu|oe|ye|sk[iy]i|nyi|nii|'|ʹ)$
    | ^(sr|zv|vz|vs|zh|kh|shch|tk|mn|pt|dv|gd|kv|tv|sv|zd|ts)
    | (zh|kh|shch|ia|iu|yi)
    )
    """
)
# English words that also fit the shapes above, so they must not count.
_ENGLISH = frozenset(
    """a an and are as at be but by for from he her him his i in is it its me my no not
    of on or our she so that the their them they this to too us was we were what when
    which who will with would you your each other system however embassy also very
    social union trial media boy toy why eye""".split()
)
_WORD = re.compile(r"[A-Za-z'ʹ’-]+")


def is_romanised_russian(phrase: str) -> bool:
    """True when most words of ``phrase`` read as romanised Russian.

    Proper names alone ("[Yeltsin]", "[Shevardnadze]") are not phrases: they stay
    English insertions, as the editor meant them.
    """
    words = phrase.split()
    if not words or len(words) > 8 or any(not _WORD.fullmatch(w) for w in words):
        return False
    if len(words) == 1 and words[0][:1].isupper():
        return False
    lowered = [w.lower().replace("’", "'") for w in words]
    if any(w in _ENGLISH for w in lowered):
        return False
    russian = sum(1 for w in lowered if w in _RUSSIAN_WORDS or _RUSSIAN_SHAPES.search(w))
    return russian * 2 >= len(words) and russian > 0
