"""What each state named in a sentence can be: the forces' sender (actor), the place (host), a
neighbour, or somewhere else; cast.py then picks the actor and host of each trigger.

Decided from surface cues that hold in both languages (mention_cues.py): a demonym next to a
personnel noun names the forces ("French troops", "soldats français"); a location preposition names
the place ("into Cameroon", "au Mali"); what is left is split by whether the state can be a host at
all.
"""

from __future__ import annotations

import enum
import itertools
import re

from daemon.extract import mention_cues as cue
from daemon.extract.gazetteer import REMOTE, Form, Mention
from daemon.extract.lowered import Folded


class Role(enum.StrEnum):
    """A mention's part in the event."""

    ACTOR = "actor"
    WEAK_ACTOR = "weak actor"  # a foreign demonym with no forces named ("the French minister")
    HOST = "host"
    NEIGHBOUR = "neighbour"  # named as a border or neighbour: not part of the event
    ELSEWHERE = "elsewhere"  # a non-host state named as the place: the event is not in the Sahel
    OPEN = "open"  # no cue either way


def role_of(
    sentence: str,
    mention: Mention,
    hosts: frozenset[str],
    *,
    leaving: bool = False,
) -> Role:
    """The role surface cues give one mention; `leaving` (a withdrawal or an expulsion) reads
    "troops from X" as the place they leave, any other trigger as where they set out from."""
    before, after = Folded(cue.tail(sentence[: mention.start])), sentence[mention.end :]
    lead_in = cue.LEAD_IN.search_end(before, cue.LEAD_IN_REACH)
    if lead_in is not None and (lead_in.lastgroup != "relieved" or not leaving):
        return Role.ACTOR if lead_in.lastgroup == "made" else Role.NEIGHBOUR
    forces = _no_forces_role(before, after, mention, hosts, leaving=leaving) or _forces_role(
        before, after, mention, hosts, leaving=leaving
    )
    if forces is not None:
        return forces
    if mention.code in hosts:
        if leaving and cue.ONWARD.search(before):
            return Role.NEIGHBOUR  # "left Mali for Niger": where the leaving forces go next
        # where forces set out from is not where they arrive or fight: only leaving reads "from"
        return _host_set_role(before, after, mention, reached=not leaving)
    return _outside_role(before, after, mention, leaving=leaving)


def _no_forces_role(
    before: Folded, after: str, mention: Mention, hosts: frozenset[str], *, leaving: bool
) -> Role | None:
    """The role of a mention that names civilians, a body's civilian arm, land or a reaction,
    not forces; None for the others."""
    if not leaving and mention.form is not Form.DEMONYM and cue.REACTS_AFTER.match(after):
        return Role.NEIGHBOUR  # "La Minusma a qualifié l'attaque de lâche": it speaks of it
    if mention.form is Form.DEMONYM and (
        cue.CIVILIAN_AFTER.match(after) or cue.CIVILIAN_BEFORE.search(before)
    ):
        return Role.NEIGHBOUR  # "the French embassy", "ressortissants français": no forces
    if mention.form is Form.DEMONYM and cue.A_PERSON.search(before) and mention.text[:1].isupper():
        return Role.NEIGHBOUR  # "le Sénégalais M'Baye Cissé", "un Français": one person
    if mention.form is Form.BODY and (
        cue.AGENCY_AFTER.match(after) or cue.WORKING_FOR.search(before)
    ):
        return Role.NEIGHBOUR  # "a U.N. humanitarian hub", "l'ONU Femmes": no troops
    if mention.form is Form.DEMONYM and (
        cue.LAND_BEFORE.search(before) or cue.LAND_AFTER.match(after)
    ):
        # "en territoire nigérian", "l'Extrême-Nord camerounais", "Malian soil": a place
        return Role.HOST if mention.code in hosts else Role.ELSEWHERE
    return None


def _outside_role(before: Folded, after: str, mention: Mention, *, leaving: bool) -> Role:
    """Role of a state outside the host set that names no forces."""
    if (
        cue.ROUTE_FROM.search(before)
        or cue.SELLER_BEFORE.search(before)
        or cue.PARTNER_OF.search(before)
        or cue.NEIGHBOUR_BEFORE.search(before)
        or cue.NEIGHBOUR_AFTER.match(after)
        or (leaving and cue.DESTINATION.search(before))
    ):
        return Role.NEIGHBOUR
    # "withdrawn from Afghanistan": for a departure, the country it leaves is its place
    # ("lié aux États-Unis par un accord": the partner an accord binds, not a place)
    # ("la Libye et la Centrafrique, où ses instructeurs ont débarqué": places too)
    if (
        mention.form is Form.NAME
        and (
            cue.ELSEWHERE_PREP.search(before)
            or (leaving and cue.LEFT_PLACE_TWIN.search(before))
            or cue.WHERE_AFTER.match(after)
        )
        and not cue.BOUND_TO.search(before)
    ):
        return Role.ELSEWHERE
    if (
        mention.form is Form.SEAT
        and cue.OPENING_SEAT.match(before)
        and cue.COMMA_AFTER.match(after)
    ):
        return Role.WEAK_ACTOR  # "À Stockholm, le gouvernement a proposé": that state's capital
    if mention.form is Form.SEAT and cue.AT_SEAT.search(before) and not cue.BOUND_TO.search(before):
        return Role.ELSEWHERE  # "arrivent à Tripoli", "landed in Bangui": the place itself
    if mention.code in REMOTE:
        return Role.NEIGHBOUR  # "Gabon", "Haitian": a far state names no forces by itself
    return _default_role(mention)


def _forces_role(
    before: Folded, after: str, mention: Mention, hosts: frozenset[str], *, leaving: bool
) -> Role | None:
    """ACTOR when the mention names forces ("French troops", "soldats du Tchad"), except that
    forces leaving a host-set state leave it ("pulled its troops from Niger"); else None."""
    if mention.form in (Form.FORCE, Form.BODY) or cue.NOUN_AFTER.match(after):
        return Role.ACTOR
    noun = cue.NOUN_BEFORE.search(before)
    if noun is None:
        return None
    if leaving and mention.code in hosts and cue.LEFT_PLACE.search(noun.group()):
        return Role.HOST
    return Role.ACTOR


# A foreign demonym alone ("the French minister") is a weaker actor cue than a name.
_DEFAULT_ROLE = {Form.OTHER: Role.OPEN, Form.DEMONYM: Role.WEAK_ACTOR}


def _default_role(mention: Mention) -> Role:
    """A foreign state with no cue: "Americans" (people) act as forces named do, "the American
    president" only weakly."""
    if _names_people(mention):
        return Role.ACTOR  # "Americans packing up to leave"
    return _DEFAULT_ROLE.get(mention.form, Role.ACTOR)


def _host_set_role(before: Folded, after: str, mention: Mention, *, reached: bool) -> Role:
    """Role of a state that can host: a location preposition makes it the host."""
    # "close to the Malian border", "frontalière du Tchad": the border names a neighbour
    # whatever the preposition
    if (
        cue.SPEAKER_PLACE.search(before)
        or cue.TIME_PLACE.search(before)
        or cue.NEIGHBOUR_AFTER.match(after)
        or cue.BORDER_OF.search(before)
    ):
        return Role.NEIGHBOUR
    if cue.SUPPORT_OF.search(before):
        return Role.ACTOR  # "avec l'appui du Tchad": a supporter, not a place
    prep = cue.HOST_PREP.search(before)
    origin = reached and (
        (prep is not None and prep.group().lower().startswith(("from", "depuis")))
        or bool(cue.ORIGIN.search(before))
    )
    if prep and not origin:
        return Role.HOST  # "into neighbouring Cameroon" is a host even after "neighbouring"
    if origin and (mention.form is Form.SEAT or cue.MOVED_FROM.search(before)):
        # "flew in from Ouagadougou": where they set out from (but "drones flying from Niger"
        # may name the host, where their base is)
        return Role.NEIGHBOUR
    if cue.NEIGHBOUR_BEFORE.search(before) or cue.NEIGHBOUR_AFTER.match(after):
        return Role.NEIGHBOUR
    return _unplaced_role(mention)


def _unplaced_role(mention: Mention) -> Role:
    """A host-set state with no cue: its capital is the place; "Chadians" (people) may act."""
    if mention.form is Form.SEAT:
        return Role.HOST
    return Role.WEAK_ACTOR if _names_people(mention) else Role.OPEN


def _names_people(mention: Mention) -> bool:
    """Whether the mention is a demonym used as a noun for people ("Chadians", "les Tchadiens",
    "Maliens": capitalised and plural), not as an adjective."""
    return mention.form is Form.DEMONYM and bool(_PEOPLE.match(mention.text))


_PEOPLE = re.compile(r"^[A-ZÉ]\w*s$")


def mention_roles(
    sentence: str,
    mentions: list[Mention],
    hosts: frozenset[str],
    *,
    leaving: bool = False,
) -> dict[int, Role]:
    """The role of every coded mention of a sentence, by id: the same for all the triggers of
    one kind, so a caller may read it once per sentence and pass it to `cast`."""
    coded = [m for m in mentions if m.code]
    return _spread_neighbours(
        sentence,
        coded,
        {id(m): role_of(sentence, m, hosts, leaving=leaving) for m in coded},
    )


def _spread_neighbours(
    sentence: str, ordered: list[Mention], roles: dict[int, Role]
) -> dict[int, Role]:
    """'the borders with Burkina Faso and Niger': a neighbour's coordinated states are too; so
    are the demonyms coordinated after a forces demonym ("contingents estonien et tchèque") and
    the open states listed after a host ("across Mali, Burkina Faso and Niger")."""
    for prev, cur in itertools.pairwise(ordered):
        if not cue.COORD.match(sentence[prev.end : cur.start]):
            continue
        if roles[id(prev)] is Role.NEIGHBOUR:
            roles[id(cur)] = Role.NEIGHBOUR
        elif roles[id(prev)] is Role.ELSEWHERE and prev.form is Form.NAME is cur.form:
            roles[id(cur)] = Role.ELSEWHERE  # "in northern Benin and Togo": both places
        elif roles[id(prev)] is Role.ACTOR and Form.DEMONYM is prev.form is cur.form:
            roles[id(cur)] = Role.ACTOR
        elif roles[id(prev)] is Role.HOST and roles[id(cur)] is Role.OPEN:
            roles[id(cur)] = Role.HOST  # "across Mali, Burkina Faso and Niger": places all
    # "la Syrie, la Libye et la Centrafrique, où ...": the relative makes the whole list places
    for prev, cur in reversed(list(itertools.pairwise(ordered))):
        if (
            roles[id(cur)] is Role.ELSEWHERE
            and Form.NAME is prev.form is cur.form
            and roles[id(prev)] in (Role.OPEN, Role.ACTOR, Role.WEAK_ACTOR)
            and cue.WHERE_AFTER.match(sentence[cur.end :])
            and cue.COORD.match(sentence[prev.end : cur.start])
        ):
            roles[id(prev)] = Role.ELSEWHERE
    return roles
